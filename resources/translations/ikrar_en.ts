<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="45" />
        <source>Basis data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="46" />
        <source>Ikrar tidak dapat membuka basis data.

{0}

Berkas itu tidak diubah. Pilih berkas lain dengan --db, atau hubungi admin.</source>
        <translation>Ikrar cannot open the database.

{0}

The file was not changed. Choose another file with --db, or contact your administrator.</translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="41" />
        <source>Ubah Peserta</source>
        <translation>Edit Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="41" />
        <source>Tambah Peserta</source>
        <translation>Add Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="44" />
        <source>Nama lengkap dengan gelar</source>
        <translation>Full name with titles</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="46" />
        <source>— pilih kategori —</source>
        <translation>— choose a category —</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="50" />
        <source>18 angka, mis. 19860926 201505 1 001</source>
        <translation>18 digits, e.g. 19860926 201505 1 001</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="52" />
        <source>16 angka, untuk Non-ASN/tamu (opsional)</source>
        <translation>16 digits, for non-ASN staff and guests (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="59" />
        <source>Untuk tamu dari luar, mis. PWI</source>
        <translation>For external guests, e.g. PWI</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="61" />
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="67" />
        <source>Nama *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="68" />
        <source>Kategori *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="69" />
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="70" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="71" />
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="72" />
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="73" />
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="74" />
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="75" />
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="78" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="79" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CategoryCounts</name>
    <message>
        <location filename="../../ui/roster_page.py" line="41" />
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="233" />
        <source>Periksa kolom</source>
        <translation>Check the columns</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="234" />
        <source>Ikrar menebak isi setiap kolom. Perbaiki bila keliru; pratinjau di bawah langsung mengikuti.</source>
        <translation>Ikrar guessed what each column holds. Correct it where wrong; the preview below follows at once.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="238" />
        <source>Impor lembar ini</source>
        <translation>Import this sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="260" />
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="261" />
        <source>Baris judul kolom</source>
        <translation>Header row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="266" />
        <source>Pratinjau (baris pertama yang akan dibaca):</source>
        <translation>Preview (the first rows to be read):</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="293" />
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="294" />
        <source>Judul di berkas</source>
        <translation>Heading in the file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="295" />
        <source>Dibaca sebagai</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="299" />
        <source>(abaikan)</source>
        <translation>(ignore)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="311" />
        <source>Baris judul kolom tidak ditemukan di lembar ini; lembar ini tidak diimpor kecuali Anda memilih barisnya.</source>
        <translation>No header row was found on this sheet; it is not imported unless you choose the row.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="314" />
        <source>{0} orang terbaca, baris {1} sampai {2}.</source>
        <translation>{0} people read, rows {1} to {2}.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/event_dialog.py" line="61" />
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="61" />
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="65" />
        <source>mis. Ikrar Netralitas ASN Kota Bekasi 2024</source>
        <translation>e.g. Ikrar Netralitas ASN Kota Bekasi 2024</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="76" />
        <source>mis. Aula Balai Patriot</source>
        <translation>e.g. Aula Balai Patriot</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="78" />
        <source>mis. Bekasi</source>
        <translation>e.g. Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="80" />
        <source>mis. Badan Kesbangpol</source>
        <translation>e.g. Badan Kesbangpol</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="82" />
        <source>mis. Pemerintah Kota Bekasi</source>
        <translation>e.g. Pemerintah Kota Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="87" />
        <source>Pilih Logo…</source>
        <translation>Choose Logo…</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="88" />
        <source>Hapus Logo</source>
        <translation>Remove Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="92" />
        <source>mis. 005/7262-Kesbangpol.Poldagri</source>
        <translation>e.g. 005/7262-Kesbangpol.Poldagri</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="93" />
        <source>Tanggal surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101" />
        <location filename="../../ui/event_dialog.py" line="142" />
        <location filename="../../ui/event_dialog.py" line="146" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101" />
        <location filename="../../ui/event_dialog.py" line="143" />
        <location filename="../../ui/event_dialog.py" line="147" />
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101" />
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="103" />
        <source>Satu acara per baris, mis. Pembukaan</source>
        <translation>One item per line, e.g. Opening</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="114" />
        <source>Nama acara *</source>
        <translation>Event name *</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="115" />
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="116" />
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="119" />
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="121" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="122" />
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="123" />
        <source>Kota/Kabupaten</source>
        <translation>City/Regency</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="124" />
        <source>Penyelenggara</source>
        <translation>Organizing unit</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="125" />
        <source>Instansi (kop surat)</source>
        <translation>Institution (letterhead)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="131" />
        <location filename="../../ui/event_dialog.py" line="241" />
        <location filename="../../ui/event_dialog.py" line="246" />
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="132" />
        <source>Umum</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="136" />
        <source>Nomor surat dasar</source>
        <translation>Reference letter no.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="141" />
        <source>Pejabat yang memimpin</source>
        <translation>Presiding official</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="144" />
        <location filename="../../ui/event_dialog.py" line="148" />
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="145" />
        <source>Pejabat yang menyaksikan</source>
        <translation>Witnessing official</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="149" />
        <source>Surat dan Pejabat</source>
        <translation>Letter and Officials</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="153" />
        <source>Narasumber (untuk acara sosialisasi)</source>
        <translation>Speakers (for socialization events)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="160" />
        <source>Tambah Narasumber</source>
        <translation>Add Speaker</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="161" />
        <source>Hapus Narasumber</source>
        <translation>Remove Speaker</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="168" />
        <source>Susunan acara</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="170" />
        <source>Narasumber dan Susunan Acara</source>
        <translation>Speakers and Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="175" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="176" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="227" />
        <source>(tanpa logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="232" />
        <source>Pilih Logo</source>
        <translation>Choose Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="233" />
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="242" />
        <source>Logo tidak dapat dibaca: {0}</source>
        <translation>The logo cannot be read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="247" />
        <source>Berkas ini bukan gambar PNG/JPG yang dapat dipakai (maksimal 2 MB).</source>
        <translation>This file is not a usable PNG/JPG image (2 MB at most).</translation>
    </message>
</context>
<context>
    <name>EventListPage</name>
    <message>
        <location filename="../../ui/event_list.py" line="111" />
        <source>Acara</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="116" />
        <source>Pilih acara untuk membuka daftar peserta, atau buat acara baru. Baru pertama kali? Coba acara demo dengan data contoh.</source>
        <translation>Choose an event to open its roster, or create a new one. New to Ikrar? Try the demo event with sample data.</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="131" />
        <source>Belum ada acara. Klik “Acara Baru” untuk memulai, atau “Coba Demo”.</source>
        <translation>No events yet. Click “New Event” to begin, or “Try the Demo”.</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="135" />
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="136" />
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="137" />
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="138" />
        <location filename="../../ui/event_list.py" line="187" />
        <source>Arsipkan</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="139" />
        <source>Coba Demo</source>
        <translation>Try the Demo</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="140" />
        <source>Tampilkan yang diarsipkan</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="185" />
        <source>Keluarkan dari Arsip</source>
        <translation>Restore from Archive</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../ui/event_list.py" line="33" />
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33" />
        <source>Nama Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33" />
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33" />
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="34" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="78" />
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="80" />
        <source>Diarsipkan</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="125" />
        <source>Pilih berkas daftar undangan</source>
        <translation>Choose the invitation roster file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="126" />
        <source>Berkas Excel (.xlsx) atau CSV dari penyelenggara. Judul, kop, baris kosong dan baris JUMLAH dikenali sendiri.</source>
        <translation>The organizer's Excel (.xlsx) or CSV file. Titles, letterheads, blank rows and the JUMLAH row are recognised automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="129" />
        <source>Lokasi berkas .xlsx atau .csv</source>
        <translation>Location of the .xlsx or .csv file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="131" />
        <source>Pilih Berkas…</source>
        <translation>Choose File…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="136" />
        <source>Batalkan Pembacaan</source>
        <translation>Stop Reading</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="162" />
        <source>Pilih Daftar Undangan</source>
        <translation>Choose the Invitation Roster</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="163" />
        <source>Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)</source>
        <translation>Invitation rosters (*.xlsx *.xlsm *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="178" />
        <source>Membaca {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="207" />
        <source>Pembacaan dibatalkan.</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="223" />
        <source>Berkas tidak dapat dibaca: {0}</source>
        <translation>The file cannot be read: {0}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="59" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="60" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="61" />
        <source>Gelar depan</source>
        <translation>Title before name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="62" />
        <source>Gelar belakang</source>
        <translation>Title after name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="63" />
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="64" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="65" />
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="66" />
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="67" />
        <source>Eselon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="68" />
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="69" />
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="70" />
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="71" />
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="72" />
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="505" />
        <source>Impor Daftar Undangan</source>
        <translation>Import Invitation Roster</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="508" />
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="509" />
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="510" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="22" />
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="28" />
        <source>Bahasa antarmuka</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="31" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="31" />
        <location filename="../../ui/main_window.py" line="100" />
        <source>Ikrar</source>
        <translation>Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55" />
        <source>Basis data: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62" />
        <source>Acara &amp;Baru…</source>
        <translation>&amp;New Event…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65" />
        <source>&amp;Semua Acara</source>
        <translation>&amp;All Events</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67" />
        <source>Buka Acara &amp;Demo</source>
        <translation>Open the &amp;Demo Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="69" />
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76" />
        <source>&amp;Pengaturan</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>&amp;Bahasa…</source>
        <translation>&amp;Language…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80" />
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81" />
        <source>&amp;Tentang Ikrar</source>
        <translation>&amp;About Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>Acara</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Buka Acara</source>
        <translation>Open Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <location filename="../../ui/main_window.py" line="157" />
        <source>{0} — Ikrar</source>
        <translation>{0} — Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132" />
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142" />
        <location filename="../../ui/main_window.py" line="152" />
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165" />
        <source>Arsipkan acara ini? Acara yang diarsipkan tidak tampil di daftar dan daftar pesertanya tidak dapat diubah. Data tetap tersimpan.</source>
        <translation>Archive this event? An archived event is hidden from the list and its roster cannot be changed. Its data is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <location filename="../../ui/main_window.py" line="172" />
        <source>Arsipkan Acara</source>
        <translation>Archive Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188" />
        <source>Acara Demo</source>
        <translation>Demo Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208" />
        <source>Bahasa baru dipakai setelah Ikrar dibuka ulang.</source>
        <translation>The new language applies when Ikrar is next started.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212" />
        <source>Tentang Ikrar</source>
        <translation>About Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213" />
        <source>Ikrar: registrasi peserta, pembacaan dan penandatanganan ikrar, serta dokumen resmi untuk acara pemerintah daerah.

Basis data: {0}</source>
        <translation>Ikrar: attendee registration, the reading and signing of pledges, and official documents for local-government events.

Database: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="97" />
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97" />
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97" />
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97" />
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="98" />
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="98" />
        <source>Isi sel</source>
        <translation>Cell value</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="107" />
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="107" />
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="398" />
        <source>Tinjau dan impor</source>
        <translation>Review and import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="399" />
        <source>Baris yang ditolak tidak diimpor; perbaiki di berkas lalu impor ulang. Baris dengan peringatan diimpor.</source>
        <translation>Refused rows are not imported; correct them in the file and import again. Rows with a warning are imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="424" />
        <source>&lt;b&gt;{0} orang siap diimpor&lt;/b&gt;, {1} baris ditolak.</source>
        <translation>&lt;b&gt;{0} people ready to import&lt;/b&gt;, {1} rows refused.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="433" />
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="451" />
        <source>Menyimpan {0} peserta…</source>
        <translation>Saving {0} attendees…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="470" />
        <source>{0} peserta diimpor.</source>
        <translation>{0} attendees imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="477" />
        <source>Tidak ada yang diimpor: {0}</source>
        <translation>Nothing was imported: {0}</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../ui/roster_model.py" line="44" />
        <source>No</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44" />
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44" />
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45" />
        <source>Gol.</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45" />
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45" />
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45" />
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_page.py" line="80" />
        <source>← Semua Acara</source>
        <translation>← All Events</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="91" />
        <source>ACARA DEMO — semua nama dan NIP di sini rekaan, untuk mencoba aplikasi.</source>
        <translation>DEMO EVENT — every name and NIP here is invented, for trying the app.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="94" />
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="99" />
        <source>Cari nama, NIP, jabatan atau unit kerja…</source>
        <translation>Search name, NIP, position or work unit…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="103" />
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="126" />
        <source>Tambah Peserta</source>
        <translation>Add Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="127" />
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="128" />
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="129" />
        <source>Impor Daftar Undangan…</source>
        <translation>Import Invitation Roster…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="197" />
        <source>{0} dari {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="283" />
        <source>Hapus {0} dari daftar peserta acara ini?</source>
        <translation>Remove {0} from this event's roster?</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="284" />
        <location filename="../../ui/roster_page.py" line="289" />
        <source>Hapus Peserta</source>
        <translation>Remove Attendee</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="17" />
        <source>Eselon II (JPT Pratama)</source>
        <translation>Echelon II (JPT Pratama)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="18" />
        <source>Eselon III (Administrator)</source>
        <translation>Echelon III (Administrator)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="19" />
        <source>Eselon IV (Pengawas)</source>
        <translation>Echelon IV (Pengawas)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="20" />
        <source>Fungsional</source>
        <translation>Functional</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="21" />
        <source>Pelaksana/Staf</source>
        <translation>Staff (Pelaksana)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="22" />
        <source>PPPK</source>
        <translation>PPPK (contract civil servant)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="23" />
        <source>Non-ASN</source>
        <translation>Non-ASN</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="24" />
        <source>Tamu</source>
        <translation>Guest</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="31" />
        <source>Ikrar Netralitas ASN</source>
        <translation>Civil Service Neutrality Pledge (Ikrar Netralitas ASN)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="32" />
        <source>Sosialisasi Anti Korupsi</source>
        <translation>Anti-Corruption Socialization</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="35" />
        <source>Pakta Integritas</source>
        <translation>Integrity Pact</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="36" />
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="45" />
        <source>NIP harus 18 angka, tertulis {length} angka</source>
        <translation>A NIP has 18 digits; this one has {length}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="48" />
        <source>NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)</source>
        <translation>A NIP holds only digits (spaces or dots between groups are fine)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="51" />
        <source>NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; ketik ulang sebagai teks</source>
        <translation>Excel stored this NIP as a number and lost its last digits; type it again as text</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="56" />
        <source>Tanggal lahir pada NIP tidak mungkin ({value})</source>
        <translation>The birth date in this NIP is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="59" />
        <source>Bulan TMT pada NIP tidak mungkin ({value})</source>
        <translation>The appointment month (TMT) in this NIP is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="62" />
        <source>Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {value}</source>
        <translation>The sex digit of a NIP must be 1 or 2, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="65" />
        <source>TMT pada NIP ({value}) sebelum pegawai berusia 18 tahun</source>
        <translation>The appointment date in this NIP ({value}) is before the person was 18</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="68" />
        <source>NIK harus 16 angka, tertulis {length} angka</source>
        <translation>A NIK has 16 digits; this one has {length}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="71" />
        <source>Tanggal lahir pada NIK tidak mungkin ({value})</source>
        <translation>The birth date in this NIK is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="74" />
        <source>Nomor HP tidak dikenali: {value}</source>
        <translation>Unrecognised phone number: {value}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="75" />
        <source>Nomor HP kehilangan angka 0 di depan; dibaca sebagai {value}</source>
        <translation>The phone number lost its leading 0; read as {value}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="79" />
        <source>Wajib diisi</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="80" />
        <source>Jam selesai harus setelah jam mulai</source>
        <translation>The end time must be after the start time</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="84" />
        <source>Berkas basis data rusak atau bukan basis data Ikrar: {detail}</source>
        <translation>The database file is damaged or not an Ikrar database: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="87" />
        <source>Berkas ini basis data program lain, bukan milik Ikrar (berisi tabel {detail}); berkas tidak diubah</source>
        <translation>This file is another program's database, not Ikrar's (it holds the tables {detail}); the file was not changed</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="92" />
        <source>Basis data sedang dipakai proses lain; coba lagi sebentar</source>
        <translation>The database is in use by another process; try again in a moment</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="95" />
        <source>Penyimpanan penuh; data tidak tersimpan. Kosongkan ruang disk lalu coba lagi</source>
        <translation>The disk is full; nothing was saved. Free some disk space and try again</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="98" />
        <source>Basis data hanya bisa dibaca; data tidak tersimpan</source>
        <translation>The database is read-only; nothing was saved</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="101" />
        <source>Gagal menulis ke basis data: {detail}</source>
        <translation>Could not write to the database: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="102" />
        <source>NIP {value} sudah terdaftar pada acara ini</source>
        <translation>NIP {value} is already on this event's roster</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="105" />
        <source>NIK {value} sudah terdaftar pada acara ini</source>
        <translation>NIK {value} is already on this event's roster</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="108" />
        <source>Data tidak ditemukan ({detail})</source>
        <translation>Not found ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="109" />
        <source>Basis data tidak dapat dibuka: {detail}</source>
        <translation>The database cannot be opened: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="112" />
        <source>Basis data dibuat oleh versi Ikrar yang lebih baru ({detail}); perbarui aplikasi</source>
        <translation>The database was made by a newer version of Ikrar ({detail}); update the app</translation>
    </message>
</context>
<context>
    <name>_PreviewModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="379" />
        <source>Baris</source>
        <translation>Row</translation>
    </message>
</context>
</TS>