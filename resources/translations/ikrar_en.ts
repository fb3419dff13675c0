<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="45"/>
        <source>Basis data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="46"/>
        <source>Ikrar tidak dapat membuka basis data.

{0}

Berkas itu tidak diubah. Pilih berkas lain dengan --db, atau hubungi admin.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="41"/>
        <source>Ubah Peserta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="41"/>
        <source>Tambah Peserta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="44"/>
        <source>Nama lengkap dengan gelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="46"/>
        <source>— pilih kategori —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="50"/>
        <source>18 angka, mis. 19860926 201505 1 001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="52"/>
        <source>16 angka, untuk Non-ASN/tamu (opsional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="59"/>
        <source>Untuk tamu dari luar, mis. PWI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="61"/>
        <source>mis. 0812 3456 7890</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="67"/>
        <source>Nama *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="68"/>
        <source>Kategori *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="69"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="70"/>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="71"/>
        <source>Pangkat/Gol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="72"/>
        <source>Jabatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="73"/>
        <source>Unit Kerja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="74"/>
        <source>Instansi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="75"/>
        <source>No. HP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="78"/>
        <source>Simpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="79"/>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryCounts</name>
    <message>
        <location filename="../../ui/roster_page.py" line="41"/>
        <source>Jumlah</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="233"/>
        <source>Periksa kolom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="234"/>
        <source>Ikrar menebak isi setiap kolom. Perbaiki bila keliru; pratinjau di bawah langsung mengikuti.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="238"/>
        <source>Impor lembar ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="260"/>
        <source>Lembar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="261"/>
        <source>Baris judul kolom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="266"/>
        <source>Pratinjau (baris pertama yang akan dibaca):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="293"/>
        <source>Kolom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="294"/>
        <source>Judul di berkas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="295"/>
        <source>Dibaca sebagai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="299"/>
        <source>(abaikan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="311"/>
        <source>Baris judul kolom tidak ditemukan di lembar ini; lembar ini tidak diimpor kecuali Anda memilih barisnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="314"/>
        <source>{0} orang terbaca, baris {1} sampai {2}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/event_dialog.py" line="61"/>
        <source>Ubah Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="61"/>
        <source>Acara Baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="65"/>
        <source>mis. Ikrar Netralitas ASN Kota Bekasi 2024</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="76"/>
        <source>mis. Aula Balai Patriot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="78"/>
        <source>mis. Bekasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="80"/>
        <source>mis. Badan Kesbangpol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="82"/>
        <source>mis. Pemerintah Kota Bekasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="87"/>
        <source>Pilih Logo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="88"/>
        <source>Hapus Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="92"/>
        <source>mis. 005/7262-Kesbangpol.Poldagri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="93"/>
        <source>Tanggal surat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101"/>
        <location filename="../../ui/event_dialog.py" line="142"/>
        <location filename="../../ui/event_dialog.py" line="146"/>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101"/>
        <location filename="../../ui/event_dialog.py" line="143"/>
        <location filename="../../ui/event_dialog.py" line="147"/>
        <source>Jabatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="101"/>
        <source>Instansi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="103"/>
        <source>Satu acara per baris, mis. Pembukaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="114"/>
        <source>Nama acara *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="115"/>
        <source>Jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="116"/>
        <source>Tanggal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="119"/>
        <source>s.d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="121"/>
        <source>Waktu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="122"/>
        <source>Tempat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="123"/>
        <source>Kota/Kabupaten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="124"/>
        <source>Penyelenggara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="125"/>
        <source>Instansi (kop surat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="131"/>
        <location filename="../../ui/event_dialog.py" line="241"/>
        <location filename="../../ui/event_dialog.py" line="246"/>
        <source>Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="132"/>
        <source>Umum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="136"/>
        <source>Nomor surat dasar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="141"/>
        <source>Pejabat yang memimpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="144"/>
        <location filename="../../ui/event_dialog.py" line="148"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="145"/>
        <source>Pejabat yang menyaksikan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="149"/>
        <source>Surat dan Pejabat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="153"/>
        <source>Narasumber (untuk acara sosialisasi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="160"/>
        <source>Tambah Narasumber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="161"/>
        <source>Hapus Narasumber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="168"/>
        <source>Susunan acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="170"/>
        <source>Narasumber dan Susunan Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="175"/>
        <source>Simpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="176"/>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="227"/>
        <source>(tanpa logo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="232"/>
        <source>Pilih Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="233"/>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="242"/>
        <source>Logo tidak dapat dibaca: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="247"/>
        <source>Berkas ini bukan gambar PNG/JPG yang dapat dipakai (maksimal 2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventListPage</name>
    <message>
        <location filename="../../ui/event_list.py" line="111"/>
        <source>Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="116"/>
        <source>Pilih acara untuk membuka daftar peserta, atau buat acara baru. Baru pertama kali? Coba acara demo dengan data contoh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="131"/>
        <source>Belum ada acara. Klik “Acara Baru” untuk memulai, atau “Coba Demo”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="135"/>
        <source>Acara Baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="136"/>
        <source>Buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="137"/>
        <source>Ubah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="138"/>
        <location filename="../../ui/event_list.py" line="187"/>
        <source>Arsipkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="139"/>
        <source>Coba Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="140"/>
        <source>Tampilkan yang diarsipkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="185"/>
        <source>Keluarkan dari Arsip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../ui/event_list.py" line="33"/>
        <source>Tanggal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33"/>
        <source>Nama Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33"/>
        <source>Jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="33"/>
        <source>Tempat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="34"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="78"/>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="80"/>
        <source>Diarsipkan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="125"/>
        <source>Pilih berkas daftar undangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="126"/>
        <source>Berkas Excel (.xlsx) atau CSV dari penyelenggara. Judul, kop, baris kosong dan baris JUMLAH dikenali sendiri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="129"/>
        <source>Lokasi berkas .xlsx atau .csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="131"/>
        <source>Pilih Berkas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="136"/>
        <source>Batalkan Pembacaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="162"/>
        <source>Pilih Daftar Undangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="163"/>
        <source>Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="178"/>
        <source>Membaca {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="207"/>
        <source>Pembacaan dibatalkan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="223"/>
        <source>Berkas tidak dapat dibaca: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="59"/>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="60"/>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="61"/>
        <source>Gelar depan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="62"/>
        <source>Gelar belakang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="63"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="64"/>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="65"/>
        <source>Pangkat/Gol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="66"/>
        <source>Jabatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="67"/>
        <source>Eselon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="68"/>
        <source>Unit Kerja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="69"/>
        <source>Instansi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="70"/>
        <source>No. HP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="71"/>
        <source>Kategori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="72"/>
        <source>Keterangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="505"/>
        <source>Impor Daftar Undangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="508"/>
        <source>Lanjut &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="509"/>
        <source>&lt; Kembali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="510"/>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="22"/>
        <source>Bahasa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="28"/>
        <source>Bahasa antarmuka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="31"/>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="31"/>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>Ikrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Basis data: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61"/>
        <source>&amp;Berkas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>Acara &amp;Baru…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>&amp;Semua Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67"/>
        <source>Buka Acara &amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="69"/>
        <source>&amp;Keluar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <source>&amp;Pengaturan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77"/>
        <source>&amp;Bahasa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>Ba&amp;ntuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <source>&amp;Tentang Ikrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91"/>
        <source>Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Buka Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>{0} — Ikrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Acara Baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Ubah Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Arsipkan acara ini? Acara yang diarsipkan tidak tampil di daftar dan daftar pesertanya tidak dapat diubah. Data tetap tersimpan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Arsipkan Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Acara Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Bahasa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>Bahasa baru dipakai setelah Ikrar dibuka ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Tentang Ikrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Ikrar: registrasi peserta, pembacaan dan penandatanganan ikrar, serta dokumen resmi untuk acara pemerintah daerah.

Basis data: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Lembar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Baris</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Kolom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="98"/>
        <source>Masalah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="98"/>
        <source>Isi sel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="107"/>
        <source>Ditolak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="107"/>
        <source>Peringatan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="398"/>
        <source>Tinjau dan impor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="399"/>
        <source>Baris yang ditolak tidak diimpor; perbaiki di berkas lalu impor ulang. Baris dengan peringatan diimpor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="424"/>
        <source>&lt;b&gt;{0} orang siap diimpor&lt;/b&gt;, {1} baris ditolak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="433"/>
        <source>Impor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="451"/>
        <source>Menyimpan {0} peserta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="470"/>
        <source>{0} peserta diimpor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="477"/>
        <source>Tidak ada yang diimpor: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../ui/roster_model.py" line="44"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44"/>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44"/>
        <source>Kategori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="44"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45"/>
        <source>Gol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45"/>
        <source>Jabatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45"/>
        <source>Unit Kerja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="45"/>
        <source>No. HP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_page.py" line="80"/>
        <source>← Semua Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="91"/>
        <source>ACARA DEMO — semua nama dan NIP di sini rekaan, untuk mencoba aplikasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="94"/>
        <source>Ubah Acara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="99"/>
        <source>Cari nama, NIP, jabatan atau unit kerja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="103"/>
        <source>Semua kategori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="126"/>
        <source>Tambah Peserta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="127"/>
        <source>Ubah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="128"/>
        <source>Hapus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="129"/>
        <source>Impor Daftar Undangan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="197"/>
        <source>{0} dari {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="283"/>
        <source>Hapus {0} dari daftar peserta acara ini?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="284"/>
        <location filename="../../ui/roster_page.py" line="289"/>
        <source>Hapus Peserta</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="17"/>
        <source>Eselon II (JPT Pratama)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="18"/>
        <source>Eselon III (Administrator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="19"/>
        <source>Eselon IV (Pengawas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="20"/>
        <source>Fungsional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="21"/>
        <source>Pelaksana/Staf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="22"/>
        <source>PPPK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="23"/>
        <source>Non-ASN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="24"/>
        <source>Tamu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="31"/>
        <source>Ikrar Netralitas ASN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="32"/>
        <source>Sosialisasi Anti Korupsi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="35"/>
        <source>Pakta Integritas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="36"/>
        <source>Lainnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="45"/>
        <source>NIP harus 18 angka, tertulis {length} angka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="48"/>
        <source>NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="51"/>
        <source>NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; ketik ulang sebagai teks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="56"/>
        <source>Tanggal lahir pada NIP tidak mungkin ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="59"/>
        <source>Bulan TMT pada NIP tidak mungkin ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="62"/>
        <source>Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="65"/>
        <source>TMT pada NIP ({value}) sebelum pegawai berusia 18 tahun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="68"/>
        <source>NIK harus 16 angka, tertulis {length} angka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="71"/>
        <source>Tanggal lahir pada NIK tidak mungkin ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="74"/>
        <source>Nomor HP tidak dikenali: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="75"/>
        <source>Nomor HP kehilangan angka 0 di depan; dibaca sebagai {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="79"/>
        <source>Wajib diisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="80"/>
        <source>Jam selesai harus setelah jam mulai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="84"/>
        <source>Berkas basis data rusak atau bukan basis data Ikrar: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="87"/>
        <source>Berkas ini basis data program lain, bukan milik Ikrar (berisi tabel {detail}); berkas tidak diubah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="92"/>
        <source>Basis data sedang dipakai proses lain; coba lagi sebentar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="95"/>
        <source>Penyimpanan penuh; data tidak tersimpan. Kosongkan ruang disk lalu coba lagi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="98"/>
        <source>Basis data hanya bisa dibaca; data tidak tersimpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="101"/>
        <source>Gagal menulis ke basis data: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="102"/>
        <source>NIP {value} sudah terdaftar pada acara ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="105"/>
        <source>NIK {value} sudah terdaftar pada acara ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="108"/>
        <source>Data tidak ditemukan ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="109"/>
        <source>Basis data tidak dapat dibuka: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="112"/>
        <source>Basis data dibuat oleh versi Ikrar yang lebih baru ({detail}); perbarui aplikasi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PreviewModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="379"/>
        <source>Baris</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
