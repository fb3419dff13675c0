<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="89"/>
        <source>Basis data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="90"/>
        <source>Ikrar tidak dapat membuka basis data.

{0}

Berkas itu tidak diubah. Pilih berkas lain dengan --db, atau hubungi admin.</source>
        <translation>Ikrar cannot open the database.

{0}

The file was not changed. Choose another file with --db, or contact your administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="138"/>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="146"/>
        <source>Terjadi kesalahan yang tidak terduga: {0}

Ikrar tetap berjalan; data yang sudah tersimpan aman. Bila kesalahan ini berulang, hubungi admin.</source>
        <translation>An unexpected error occurred: {0}

Ikrar is still running; data already saved is safe. If this error happens again, contact your administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="151"/>
        <source>Rinciannya tidak dapat dicatat (folder log tidak dapat ditulisi).</source>
        <translation>The details could not be logged (the log folder cannot be written to).</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="153"/>
        <source>Rinciannya tercatat di berkas log:
{0}</source>
        <translation>The details are in the log file:
{0}</translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="42"/>
        <source>Ubah Peserta</source>
        <translation>Edit Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="42"/>
        <source>Tambah Peserta</source>
        <translation>Add Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="45"/>
        <source>Nama lengkap dengan gelar</source>
        <translation>Full name with titles</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="47"/>
        <source>— pilih kategori —</source>
        <translation>— choose a category —</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="51"/>
        <source>18 angka, mis. 19860926 201505 1 001</source>
        <translation>18 digits, e.g. 19860926 201505 1 001</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="53"/>
        <source>16 angka, untuk Non-ASN/tamu (opsional)</source>
        <translation>16 digits, for non-ASN staff and guests (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="60"/>
        <source>Untuk tamu dari luar, mis. PWI</source>
        <translation>For external guests, e.g. PWI</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="62"/>
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="68"/>
        <source>Nama *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="69"/>
        <source>Kategori *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="70"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="71"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="72"/>
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="73"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="74"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="75"/>
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="76"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="77"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/attendee_dialog.py" line="77"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/audit_dialog.py" line="43"/>
        <source>Jejak Audit Acara</source>
        <translation>Event Audit Trail</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="50"/>
        <source>Kode jejak audit dari Berita Acara (boleh kosong)</source>
        <translation>Audit trail code from the Berita Acara (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="52"/>
        <source>Periksa Ulang</source>
        <translation>Check Again</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="59"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="59"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="59"/>
        <source>Kejadian</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="59"/>
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="60"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="60"/>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="67"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="81"/>
        <source>Memeriksa jejak audit…</source>
        <translation>Checking the audit trail…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="95"/>
        <source>Jejak audit tidak dapat diperiksa: {0}</source>
        <translation>The audit trail could not be checked: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="100"/>
        <source>✔ Jejak audit utuh: {0} entri, tidak ada yang diubah, disisipkan atau dihapus.</source>
        <translation>✔ Audit trail intact: {0} entries, none changed, inserted or removed.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="103"/>
        <source>Kode dari Berita Acara ditemukan (entri ke-{0}).</source>
        <translation>The code from the Berita Acara was found (entry {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="107"/>
        <source>Acara ini tidak memiliki jejak audit.</source>
        <translation>This event has no audit trail.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="108"/>
        <source>✖ Entri ke-{0} jejak audit telah diubah.</source>
        <translation>✖ Audit trail entry {0} was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="109"/>
        <source>✖ Entri ke-{0} jejak audit disisipkan di luar aplikasi.</source>
        <translation>✖ Audit trail entry {0} was inserted outside the app.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="110"/>
        <source>✖ Entri ke-{0} jejak audit telah dihapus.</source>
        <translation>✖ Audit trail entry {0} was removed.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="111"/>
        <source>✖ Urutan entri jejak audit diubah mulai entri ke-{0}.</source>
        <translation>✖ The order of the audit trail was changed from entry {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="113"/>
        <source>✖ Kode dari Berita Acara tidak ada lagi di jejak ini: entri telah dihapus atau ditulis ulang.</source>
        <translation>✖ The code from the Berita Acara is no longer in this trail: entries were removed or rewritten.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="115"/>
        <source>✖ Data acara tidak sesuai dengan jejak audit: {1}.</source>
        <translation>✖ The event&apos;s records do not match the audit trail: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="117"/>
        <source>✖ Data yang tercatat di jejak audit tidak ada lagi (dihapus di luar aplikasi): {1}.</source>
        <translation>✖ Records in the audit trail are no longer in the database (deleted outside the app): {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="132"/>
        <source>Kode jejak audit saat ini (entri ke-{0}): {1}</source>
        <translation>Current audit trail code (entry {0}): {1}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="153"/>
        <source>{0} orang</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="158"/>
        <source>{0} berkas</source>
        <translation>{0} files</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="162"/>
        <source>Saksi</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="165"/>
        <source>(sudah dihapus) {0}</source>
        <translation>(removed) {0}</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="191"/>
        <source>Jejak audit dimulai</source>
        <translation>Audit trail started</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="192"/>
        <source>Acara dibuat</source>
        <translation>Event created</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="193"/>
        <source>Data acara diubah</source>
        <translation>Event details changed</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="194"/>
        <source>Acara diarsipkan</source>
        <translation>Event archived</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="195"/>
        <source>Acara dikembalikan dari arsip</source>
        <translation>Event restored from the archive</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="196"/>
        <source>Peserta ditambahkan</source>
        <translation>Attendees added</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="197"/>
        <source>Daftar undangan diimpor</source>
        <translation>Invitation roster imported</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="198"/>
        <source>Data peserta diubah</source>
        <translation>Attendee details changed</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="199"/>
        <source>Peserta dihapus</source>
        <translation>Attendee removed</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="200"/>
        <source>Hadir</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="201"/>
        <source>Tamu tanpa undangan didaftarkan dan hadir</source>
        <translation>Walk-in registered and checked in</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="202"/>
        <source>Kehadiran dibatalkan</source>
        <translation>Check-in undone</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="203"/>
        <source>Teks ikrar dipilih</source>
        <translation>Pledge text chosen</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="204"/>
        <source>Tanda tangan</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="205"/>
        <source>Tanda tangan disegel</source>
        <translation>Signature sealed</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="206"/>
        <source>Dokumen dibuat</source>
        <translation>Document made</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../ui/backups.py" line="90"/>
        <source>Cadangan {0} dibuat pukul {1}</source>
        <translation>Backup {0} made at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="98"/>
        <source>Cadangan GAGAL: {0}</source>
        <translation>Backup FAILED: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="115"/>
        <source>Folder Cadangan</source>
        <translation>Backup Folder</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="131"/>
        <location filename="../../ui/backups.py" line="139"/>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="132"/>
        <source>Cadangan dibuat dan diperiksa:
{0}

{1} acara, jejak audit utuh.</source>
        <translation>Backup made and checked:
{0}

{1} events, audit trail intact.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="140"/>
        <source>Cadangan tidak dibuat: {0}</source>
        <translation>No backup was made: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="152"/>
        <location filename="../../ui/backups.py" line="157"/>
        <location filename="../../ui/backups.py" line="165"/>
        <location filename="../../ui/backups.py" line="169"/>
        <source>Pulihkan dari Cadangan</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="154"/>
        <source>Cadangan Ikrar (*.sqlite)</source>
        <translation>Ikrar backups (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="158"/>
        <source>Isi basis data sekarang diganti dengan cadangan
{0}

Isi sekarang dicadangkan dulu, sehingga pemulihan ini dapat dibatalkan.</source>
        <translation>The database&apos;s contents will be replaced by the backup
{0}

The current contents are backed up first, so this restore can be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="160"/>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="166"/>
        <source>Tidak dipulihkan: {0}</source>
        <translation>Not restored: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="170"/>
        <source>Dipulihkan: {0} acara. Isi sebelumnya disimpan di
{1}

Ikrar dibuka ulang.</source>
        <translation>Restored: {0} events. The previous contents are kept in
{1}

Ikrar restarts.</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../ui/camera.py" line="58"/>
        <source>Kamera tidak tersedia di komputer ini; gunakan pemindai USB atau ketik nama.</source>
        <translation>No camera on this computer; use the USB scanner or type the name.</translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <location filename="../../ui/camera.py" line="79"/>
        <source>Pindai dengan Kamera</source>
        <translation>Scan with Camera</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="80"/>
        <source>Menyalakan kamera…</source>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="83"/>
        <source>Arahkan QR undangan ke kamera.</source>
        <translation>Hold the invitation&apos;s QR code up to the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/camera.py" line="84"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CategoryCounts</name>
    <message>
        <location filename="../../ui/roster_page.py" line="61"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>CertificatesDialog</name>
    <message>
        <location filename="../../ui/documents.py" line="220"/>
        <source>Surat Pernyataan</source>
        <translation>Signed Statement</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="221"/>
        <source>Untuk siapa</source>
        <translation>For whom</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="222"/>
        <source>Semua yang sudah menandatangani</source>
        <translation>Everyone who has signed</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="223"/>
        <source>Yang menandatangani dalam menit terakhir:</source>
        <translation>Those who signed in the last minutes:</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="224"/>
        <source>Peserta yang dipilih di daftar</source>
        <translation>The attendee selected in the roster</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="238"/>
        <source>Ke mana</source>
        <translation>Where to</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="239"/>
        <source>Satu berkas PDF untuk dicetak</source>
        <translation>One PDF file for printing</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="240"/>
        <source>Satu berkas PDF per orang, dalam satu folder</source>
        <translation>One PDF file per person, in a folder</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="241"/>
        <source>Langsung ke printer…</source>
        <translation>Straight to a printer…</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="249"/>
        <source>Tandatangani berkas PDF secara digital (PAdES) dengan kunci segel</source>
        <translation>Digitally sign the PDF files (PAdES) with the seal key</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="251"/>
        <source>Pembaca PDF menampilkan berkas sebagai bertanda tangan, dan pemeriksaan keaslian dapat membuktikan setiap halaman berkas; tanpa tanda tangan digital hanya kode QR yang dapat diperiksa.</source>
        <translation>PDF readers show the file as signed, and the authenticity check can prove every page of the file; without a digital signature only the QR code can be checked.</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="257"/>
        <source>Buat</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="257"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="260"/>
        <source>Surat pernyataan dibuat untuk peserta yang sudah menandatanganinya.</source>
        <translation>Statements are made for the attendees who have signed.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../ui/cli/common.py" line="30"/>
        <source>Gagal: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="31"/>
        <source>Hadir pukul {time}{where}: {name}</source>
        <translation>Checked in at {time}{where}: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="32"/>
        <source> di {desk}</source>
        <translation> at {desk}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="33"/>
        <source>Perhatian: {warning}.</source>
        <translation>Attention: {warning}.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="34"/>
        <source>Sudah hadir pukul {time}{where}: {name}</source>
        <translation>Already checked in at {time}{where}: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="35"/>
        <source>Kehadiran pukul {time} dibatalkan ({reason}): {name}</source>
        <translation>Check-in at {time} undone ({reason}): {name}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="36"/>
        <source>Berkas tidak dibuat: {error}</source>
        <translation>File not written: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="37"/>
        <source>{what} diperlukan: isi {variable} atau jalankan dari terminal</source>
        <translation>{what} required: set {variable} or run from a terminal</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="39"/>
        <source>Kata sandi kunci segel</source>
        <translation>The seal key password</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="40"/>
        <source>Kata sandi berkas .p12</source>
        <translation>The .p12 file password</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="42"/>
        <source>Logo tidak dapat dibaca: {error}</source>
        <translation>The logo cannot be read: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="43"/>
        <source>Acara dibuat: #{id} {name}</source>
        <translation>Event created: #{id} {name}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="52"/>
        <source> [arsip]</source>
        <translation> [archived]</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="53"/>
        <source>Belum ada acara.</source>
        <translation>No events yet.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="54"/>
        <source>Tanggal: {date}</source>
        <translation>Date: {date}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="55"/>
        <source>Waktu: {time} (zona waktu {zone})</source>
        <translation>Time: {time} (time zone {zone})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="56"/>
        <source>Tempat: {venue}</source>
        <translation>Venue: {venue}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="57"/>
        <source>Acara #{id} diarsipkan.</source>
        <translation>Event #{id} archived.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="58"/>
        <source>Acara #{id} dikeluarkan dari arsip.</source>
        <translation>Event #{id} taken out of the archive.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="59"/>
        <source>Acara &quot;{name}&quot; dikirim ke {location}: #{id} di tujuan ({total} baris: {parts}).</source>
        <translation>Event &quot;{name}&quot; sent to {location}: #{id} there ({total} rows: {parts}).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="62"/>
        <source>Acara &quot;{name}&quot; diambil dari {location}: #{id} di tujuan ({total} baris: {parts}).</source>
        <translation>Event &quot;{name}&quot; fetched from {location}: #{id} here ({total} rows: {parts}).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="65"/>
        <source> Salinan lama (#{id}) ditimpa; cadangannya: {backup}.</source>
        <translation> The old copy (#{id}) was replaced; its backup: {backup}.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="67"/>
        <source> Catatan yang hanya ada di salinan lama ({entries} entri jejak audit) ada di cadangan itu.</source>
        <translation> Records only the old copy had ({entries} audit trail entries) are in that backup.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="70"/>
        <source>Acara demo: #{id} {name}</source>
        <translation>Demo event: #{id} {name}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="72"/>
        <source>Acara #{id} diarsipkan; keluarkan dari arsip dulu untuk mengubah daftar pesertanya.</source>
        <translation>Event #{id} is archived; take it out of the archive first to change its roster.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="75"/>
        <source>File: {name} ({format})</source>
        <translation>File: {name} ({format})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="76"/>
        <source>{format}, {encoding}, pemisah {delimiter}</source>
        <translation>{format}, {encoding}, separator {delimiter}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="77"/>
        <source>  Lembar {name}: dilewati</source>
        <translation>  Sheet {name}: skipped</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="78"/>
        <source>  Lembar {name}: judul kolom baris {header}, data baris {span}, {rows} orang</source>
        <translation>  Sheet {name}: column headings on row {header}, data rows {span}, {rows} people</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="80"/>
        <source>  Lembar tersembunyi dilewati: {sheets}</source>
        <translation>  Hidden sheets skipped: {sheets}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="81"/>
        <source>Siap diimpor: {count} orang</source>
        <translation>Ready to import: {count} people</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="82"/>
        <source>Ditolak (galat): {errors} baris; dengan peringatan: {warned} baris</source>
        <translation>Refused (errors): {errors} rows; with warnings: {warned} rows</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="84"/>
        <source>  [GALAT] {where}: {message}</source>
        <translation>  [ERROR] {where}: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="85"/>
        <source>  [PERINGATAN] {where}: {message}</source>
        <translation>  [WARNING] {where}: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="86"/>
        <source>{sheet} baris {row}</source>
        <translation>{sheet} row {row}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="87"/>
        <source>{where}, kolom {column}</source>
        <translation>{where}, column {column}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="88"/>
        <source>File ini sudah pernah diimpor; tidak ada peserta baru.</source>
        <translation>This file was imported before; no new attendees.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="90"/>
        <source>Tidak ada baris yang dapat diimpor.</source>
        <translation>No row can be imported.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="91"/>
        <source>Tidak disimpan (--dry-run).</source>
        <translation>Not saved (--dry-run).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="92"/>
        <source>Diimpor: {count} peserta.</source>
        <translation>Imported: {count} attendees.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="93"/>
        <source>Belum ada peserta.</source>
        <translation>No attendees yet.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="95"/>
        <source>NIP PNS tanpa eselon atau jabatan yang dikenali</source>
        <translation>a civil servant NIP without a recognised echelon or position</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="96"/>
        <source>tanpa NIP/NIK, eselon, kategori atau jabatan yang dikenali</source>
        <translation>no NIP/NIK, echelon, category or recognised position</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="99"/>
        <source>Hari ini ({day}) bukan tanggal acara ({event_day})</source>
        <translation>Today ({day}) is not the event&apos;s date ({event_day})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="100"/>
        <source>NIP tidak ada di acara ini: {nips}</source>
        <translation>NIP not in this event: {nips}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="101"/>
        <source>{count} undangan ditulis ke {out}</source>
        <translation>{count} invitations written to {out}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="106"/>
        <source>{out} adalah berkas: surat pernyataan satu per orang ditulis ke sebuah folder (atau pakai --combined)</source>
        <translation>{out} is a file: signed statements one per person are written to a folder (or use --combined)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="44"/>
        <source>Tidak ada yang diubah: beri --zone, --address, --postcode, --phone, --email, --website, --number-scheme atau --number-start</source>
        <translation>Nothing to change: give --zone, --address, --postcode, --phone, --email, --website, --number-scheme or --number-start</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="47"/>
        <source>Acara #{id} diubah: {changes}</source>
        <translation>Event #{id} changed: {changes}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="48"/>
        <source>zona waktu {zone}</source>
        <translation>time zone {zone}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="49"/>
        <source>kontak pada kop surat</source>
        <translation>letterhead contact lines</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="50"/>
        <source>pola nomor surat {scheme}</source>
        <translation>letter number scheme {scheme}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="51"/>
        <source>nomor awal {start}</source>
        <translation>first number {start}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="103"/>
        <source>--pades dan --p12 hanya untuk --what statements (certificates)</source>
        <translation>--pades and --p12 are only for --what statements (certificates)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="105"/>
        <source>--out kosong: beri nama berkas tujuan</source>
        <translation>--out is empty: give the name of the file to write</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="109"/>
        <source>{out} adalah folder: beri nama berkas tujuan, mis. {example}</source>
        <translation>{out} is a folder: give the name of the file to write, e.g. {example}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="111"/>
        <source>--no-pades tidak dapat digabung dengan --pades atau --p12</source>
        <translation>--no-pades cannot be combined with --pades or --p12</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="113"/>
        <source>1 berkas dibuat: {file}</source>
        <translation>1 file written: {file}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="114"/>
        <source>{count} berkas dibuat: {count} di {out}</source>
        <translation>{count} files written: {count} in {out}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="116"/>
        <source>{key} {hash}  {label} ({points} butir)</source>
        <translation>{key} {hash}  {label} ({points} points)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="117"/>
        <source>Acara #{id} belum memiliki teks ikrar (pilih dengan: pledge use EVENT TEMPLATE).</source>
        <translation>Event #{id} has no pledge text yet (choose one with: pledge use EVENT TEMPLATE).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="120"/>
        <source>terkunci, {count} tanda tangan</source>
        <translation>locked, {count} signatures</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="121"/>
        <source>belum ditandatangani</source>
        <translation>not signed yet</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="122"/>
        <source>Versi {hash} ({state})</source>
        <translation>Version {hash} ({state})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="123"/>
        <source>Versi sebelumnya:</source>
        <translation>Earlier versions:</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="124"/>
        <source> (terkunci)</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="125"/>
        <source>Templat tidak dikenal: {template}; pilihan: {choices}</source>
        <translation>Unknown template: {template}; choices: {choices}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="127"/>
        <source>Teks ikrar acara #{id}: {title} (versi {hash})</source>
        <translation>Pledge text of event #{id}: {title} (version {hash})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="128"/>
        <source>belum</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="129"/>
        <source>sudah</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="130"/>
        <source>Saksi: {witness}; sudah tanda tangan: {signed} dari {total}</source>
        <translation>Witness: {witness}; signed: {signed} of {total}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="132"/>
        <source>Saksi</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="133"/>
        <source>ATTENDEE_ID harus angka atau &quot;saksi&quot;: {value}</source>
        <translation>ATTENDEE_ID must be a number or &quot;saksi&quot;: {value}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="134"/>
        <source>Peserta {attendee} tidak ada di acara #{id}</source>
        <translation>Attendee {attendee} is not in event #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="136"/>
        <source>{who} belum menandatangani ikrar acara #{id}</source>
        <translation>{who} has not signed the pledge of event #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="137"/>
        <source>--width harus 16 sampai 4000 piksel</source>
        <translation>--width must be 16 to 4000 pixels</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="138"/>
        <source>Tanda tangan {who} ditulis ke {out}</source>
        <translation>Signature of {who} written to {out}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="140"/>
        <source>Kunci segel dibuat: {key}. Simpan kata sandinya: tanpa itu kunci ini tidak dapat dipakai.</source>
        <translation>Seal key created: {key}. Keep its password: without it this key cannot be used.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="143"/>
        <source>segel</source>
        <translation>seal</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="144"/>
        <source>privat</source>
        <translation>private</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="145"/>
        <source>publik</source>
        <translation>public</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="146"/>
        <source>Belum ada kunci segel.</source>
        <translation>No seal keys yet.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="147"/>
        <source>Kunci publik {key} disimpan di {out}</source>
        <translation>Public key {key} saved in {out}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="148"/>
        <source>Kunci publik {key} dikenali</source>
        <translation>Public key {key} recognised</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="149"/>
        <source>{count} tanda tangan disegel dengan kunci {key}</source>
        <translation>{count} signatures sealed with key {key}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="150"/>
        <source>Halaman {page}: </source>
        <translation>Page {page}: </translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="151"/>
        <source>isi segel</source>
        <translation>seal contents</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="152"/>
        <source>tidak ditemukan kode QR</source>
        <translation>no QR code found</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="153"/>
        <source>kode QR ini bukan segel Ikrar</source>
        <translation>this QR code is not an Ikrar seal</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="154"/>
        <source>segel pada kode QR rusak</source>
        <translation>the seal in the QR code is damaged</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="155"/>
        <source>berkas tidak dapat dibuka</source>
        <translation>the file cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="156"/>
        <source>berkas bukan PDF atau gambar yang dapat dibaca</source>
        <translation>the file is not a readable PDF or image</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="157"/>
        <source>kode verifikasi ini tidak ada di basis data ini (periksa di daftar publik penyelenggara, atau pindai kode QR-nya)</source>
        <translation>this verification code is not in this database (check the organizer&apos;s public list, or scan its QR code)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="160"/>
        <source>Kepala jejak audit ditandatangani kunci segel {key} (entri ke-{seq})</source>
        <translation>Audit trail head signed with seal key {key} (entry {seq})</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="163"/>
        <source>beri --out BERKAS atau --folder FOLDER</source>
        <translation>give --out FILE or --folder FOLDER</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="164"/>
        <source>--out tidak boleh kosong</source>
        <translation>--out must not be empty</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="165"/>
        <source>{out} adalah folder: beri nama berkas (atau pakai --folder untuk cadangan bergilir)</source>
        <translation>{out} is a folder: give a file name (or use --folder for rotating backups)</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="168"/>
        <source>Cadangan dibuat dan diperiksa: {path} ({events} acara, {entries} entri jejak audit utuh, {kb} KB, {seconds} detik).</source>
        <translation>Backup made and checked: {path} ({events} events, {entries} audit trail entries intact, {kb} KB, {seconds} seconds).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="171"/>
        <source> {count} cadangan lama dihapus.</source>
        <translation> {count} old backups removed.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="172"/>
        <source>Basis data {location} dipulihkan dari {file} ({events} acara).</source>
        <translation>Database {location} restored from {file} ({events} events).</translation>
    </message>
    <message>
        <location filename="../../ui/cli/common.py" line="174"/>
        <source> Isi sebelumnya disimpan di {previous}.</source>
        <translation> Its previous contents are kept in {previous}.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/phone.py" line="22"/>
        <source>Layanan tanda tangan ponsel untuk {event} aktif di: {urls}
Tekan Ctrl+C untuk berhenti.</source>
        <translation>The phone signing service for {event} is running at: {urls}
Press Ctrl+C to stop.</translation>
    </message>
    <message>
        <location filename="../../ui/cli/phone.py" line="24"/>
        <source>Tautan tanda tangan pribadi untuk {name}: {url}</source>
        <translation>Personal signing link for {name}: {url}</translation>
    </message>
    <message>
        <location filename="../../ui/cli/phone.py" line="25"/>
        <source>Alamat {host}:{port} tidak dapat dipakai: {detail}</source>
        <translation>The address {host}:{port} cannot be used: {detail}</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="235"/>
        <source>Periksa kolom</source>
        <translation>Check the columns</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="236"/>
        <source>Ikrar menebak isi setiap kolom. Perbaiki bila keliru; pratinjau di bawah langsung mengikuti.</source>
        <translation>Ikrar guessed what each column holds. Correct it where wrong; the preview below follows at once.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="240"/>
        <source>Impor lembar ini</source>
        <translation>Import this sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="264"/>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="265"/>
        <source>Baris judul kolom</source>
        <translation>Header row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="270"/>
        <source>Pratinjau (baris pertama yang akan dibaca):</source>
        <translation>Preview (the first rows to be read):</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="300"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="301"/>
        <source>Judul di berkas</source>
        <translation>Heading in the file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="302"/>
        <source>Dibaca sebagai</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="306"/>
        <source>(abaikan)</source>
        <translation>(ignore)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="318"/>
        <source>Baris judul kolom tidak ditemukan di lembar ini; lembar ini tidak diimpor kecuali Anda memilih barisnya.</source>
        <translation>No header row was found on this sheet; it is not imported unless you choose the row.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="321"/>
        <source>{0} orang terbaca, baris {1} sampai {2}.</source>
        <translation>{0} people read, rows {1} to {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="340"/>
        <source>Baris {0} tidak ada di lembar ini.</source>
        <translation>Row {0} does not exist on this sheet.</translation>
    </message>
</context>
<context>
    <name>CounterTable</name>
    <message>
        <location filename="../../ui/counters.py" line="33"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="33"/>
        <source>Diundang</source>
        <translation>Invited</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="33"/>
        <source>Hadir</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="34"/>
        <source>Belum hadir</source>
        <translation>Not yet arrived</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="34"/>
        <source>Tanpa undangan</source>
        <translation>Walk-ins</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="47"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/counters.py" line="36"/>
        <source>Hadir seluruhnya</source>
        <translation>Everyone present</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../ui/dashboard.py" line="31"/>
        <source>Dasbor — {0}</source>
        <translation>Dashboard — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="109"/>
        <source>orang hadir: {0} dari {1} undangan + {2} tanpa undangan · {3} belum hadir</source>
        <translation>present: {0} of {1} invited + {2} walk-ins · {3} not yet arrived</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="113"/>
        <source>Diperbarui pukul {0}</source>
        <translation>Updated at {0}</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <source>Basis Data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="81"/>
        <source>Berkas di laptop ini (satu meja)</source>
        <translation>A file on this laptop (one desk)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="82"/>
        <source>Server PostgreSQL (beberapa meja, satu acara)</source>
        <translation>A PostgreSQL server (several desks, one event)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="91"/>
        <source>(tersimpan; ketik untuk mengganti)</source>
        <translation>(saved; type to change it)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92"/>
        <source>kata sandi server</source>
        <translation>server password</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94"/>
        <source>Tes Koneksi</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="99"/>
        <source>Sekarang: {0}
Perubahan dipakai setelah Ikrar dibuka ulang. Pindahkan acara dengan perintah “event push” / “event pull”.</source>
        <translation>Now: {0}
A change takes effect when Ikrar is started again. Move events with the “event push” / “event pull” commands.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="107"/>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="108"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="112"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="112"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="150"/>
        <location filename="../../ui/settings_dialog.py" line="192"/>
        <source>Tulis alamat server, mis. postgresql://ikrar:sandi@192.168.1.10/ikrar</source>
        <translation>Type the server address, e.g. postgresql://ikrar:password@192.168.1.10/ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="153"/>
        <source>Menghubungi…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="162"/>
        <source>Tersambung, tetapi basis data ini milik program lain; pakai basis data kosong khusus untuk Ikrar.</source>
        <translation>Connected, but this database belongs to another program; use an empty database for Ikrar alone.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="166"/>
        <source>siap dipakai (skema versi {0})</source>
        <translation>ready (schema version {0})</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="168"/>
        <source>kosong; Ikrar menyiapkan tabelnya saat pertama dibuka</source>
        <translation>empty; Ikrar creates its tables when first opened</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="169"/>
        <source>✔ Tersambung ke {0} {1}: {2}</source>
        <translation>✔ Connected to {0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="180"/>
        <source>Gagal tersambung. {0}</source>
        <translation>Could not connect. {0}</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../ui/desk_page.py" line="358"/>
        <source>← Daftar Peserta</source>
        <translation>← Roster</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="364"/>
        <source>Ganti Meja/Petugas</source>
        <translation>Change Desk/Operator</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="370"/>
        <location filename="../../ui/desk_page.py" line="1141"/>
        <source>Ketik nama, NIP atau unit kerja — atau pindai QR undangan</source>
        <translation>Type a name, NIP or work unit — or scan the invitation QR</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="384"/>
        <location filename="../../ui/desk_page.py" line="498"/>
        <location filename="../../ui/desk_page.py" line="1143"/>
        <source>Siap. Ketik nama atau pindai QR undangan.</source>
        <translation>Ready. Type a name or scan the invitation QR.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="403"/>
        <source>Hadir (Enter)</source>
        <translation>Check In (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="404"/>
        <source>Peserta Tanpa Undangan (F2)</source>
        <translation>Walk-in (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="405"/>
        <source>Batalkan Kehadiran…</source>
        <translation>Undo Check-in…</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="406"/>
        <source>Layar Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="407"/>
        <location filename="../../ui/desk_page.py" line="1134"/>
        <source>Mode Kios (F11)</source>
        <translation>Kiosk Mode (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="408"/>
        <source>Pindai dengan Kamera</source>
        <translation>Scan with Camera</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="410"/>
        <source>Tanda tangan langsung setelah hadir</source>
        <translation>Sign right after check-in</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="413"/>
        <source>Stasiun Tanda Tangan</source>
        <translation>Signing Station</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="514"/>
        <source>{0} · Petugas: {1}</source>
        <translation>{0} · Operator: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="594"/>
        <source>Tidak ada yang cocok dengan “{0}”. Tamu tanpa undangan? Tekan F2.</source>
        <translation>Nobody matches “{0}”. A walk-in? Press F2.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="611"/>
        <source>Tidak ditemukan. Pindai QR undangan Anda, atau ketik NIP lengkap; atau minta bantuan petugas.</source>
        <translation>Not found. Scan your invitation QR, or type your full NIP; or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="696"/>
        <source>Menyimpan kehadiran {0}…</source>
        <translation>Saving the check-in of {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="777"/>
        <source>{0}: sudah hadir pukul {1} di {2}</source>
        <translation>{0}: already checked in at {1} at {2}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="752"/>
        <source>{0}: sambungan ke server putus saat menyimpan, BELUM PASTI tercatat. Meja menyambung ulang sendiri dan menampilkan statusnya begitu server terjangkau.</source>
        <translation>{0}: the connection to the server broke while saving; NOT YET CERTAIN it was recorded. The desk reconnects by itself and shows the status as soon as the server is reachable.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="757"/>
        <source>{0} BELUM tercatat hadir: server basis data tidak terjangkau. Meja menyambung ulang sendiri; coba lagi sebentar.</source>
        <translation>{0} is NOT checked in yet: the database server cannot be reached. The desk reconnects by itself; try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="760"/>
        <location filename="../../ui/desk_page.py" line="822"/>
        <source>{0} BELUM tercatat hadir. {1}</source>
        <translation>{0} is NOT checked in. {1}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="773"/>
        <source>{0}: sudah hadir {1} pukul {2} di {3}</source>
        <translation>{0}: already checked in on {1} at {2} at {3}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="786"/>
        <source>✔ {0} — hadir pukul {1}</source>
        <translation>✔ {0} — checked in at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="829"/>
        <source>✔ {0} — hadir pukul {1} (disimpan di laptop ini; dikirim ke server begitu terjangkau)</source>
        <translation>✔ {0} — checked in at {1} (kept on this laptop; sent to the server as soon as it can be reached)</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="832"/>
        <source>Tanda tangan menunggu server basis data.</source>
        <translation>Signing waits for the database server.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="851"/>
        <source>MODE LURING — server basis data tidak terjangkau. Kehadiran disimpan di laptop ini: {0} menunggu dikirim. Tanda tangan menunggu server.</source>
        <translation>OFFLINE — the database server cannot be reached. Check-ins are kept on this laptop: {0} waiting to be sent. Signing waits for the server.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="856"/>
        <source>Mengirim {0} kehadiran luring ke server…</source>
        <translation>Sending {0} offline check-ins to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="920"/>
        <source>{0} kehadiran luring sudah dikirim ke server.</source>
        <translation>{0} offline check-ins sent to the server.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="923"/>
        <source>{0} (pukul {1} di {2})</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="925"/>
        <source>Sudah hadir lebih dulu di meja lain: {0}.</source>
        <translation>Already checked in earlier at another desk: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="957"/>
        <source>Silakan pindai QR pada undangan Anda, atau ketik NIP lengkap Anda lalu tekan Enter.</source>
        <translation>Please scan the QR code on your invitation, or type your full NIP and press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="973"/>
        <source>✔ {0} — hadir dan sudah menandatangani ikrar</source>
        <translation>✔ {0} — checked in and has signed the pledge</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1002"/>
        <source>Kehadiran {0} masih menunggu dikirim ke server; pembatalan bisa setelah server terjangkau.</source>
        <translation>The check-in of {0} is still waiting to be sent to the server; it can be undone once the server can be reached.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1007"/>
        <source>Pilih peserta yang sudah hadir untuk dibatalkan.</source>
        <translation>Choose a checked-in attendee to undo.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1025"/>
        <source>Kehadiran {0} dibatalkan.</source>
        <translation>Check-in of {0} undone.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1042"/>
        <source>✔ {0} — terdaftar dan hadir pukul {1}</source>
        <translation>✔ {0} — registered and checked in at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1102"/>
        <source>Server basis data tidak terjangkau. Meja bekerja luring: kehadiran disimpan di laptop ini dan dikirim begitu server kembali.</source>
        <translation>The database server cannot be reached. The desk works offline: check-ins are kept on this laptop and sent when the server is back.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1112"/>
        <source>Tersambung lagi ke basis data. Data meja sudah diperbarui; silakan lanjutkan.</source>
        <translation>Connected to the database again. The desk is up to date; please carry on.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1138"/>
        <source>Pindai QR undangan Anda, atau ketik NIP lengkap</source>
        <translation>Scan your invitation QR, or type your full NIP</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1106"/>
        <source>Server basis data tidak terjangkau. Kehadiran belum bisa dicatat; meja menyambung ulang sendiri.</source>
        <translation>The database server cannot be reached. Check-ins cannot be recorded yet; the desk reconnects by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="1133"/>
        <source>Keluar Mode Kios (PIN)</source>
        <translation>Leave Kiosk Mode (PIN)</translation>
    </message>
</context>
<context>
    <name>DeskResultsModel</name>
    <message>
        <location filename="../../ui/desk_model.py" line="82"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="82"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="82"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="83"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="201"/>
        <source>Belum hadir</source>
        <translation>Not yet arrived</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="204"/>
        <source>Hadir {time} ({desk})</source>
        <translation>Present {time} ({desk})</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="205"/>
        <source>Hadir {time}</source>
        <translation>Present {time}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="83"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/desk_model.py" line="83"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>DeskSessionDialog</name>
    <message>
        <location filename="../../ui/desk_session.py" line="26"/>
        <source>Meja Registrasi</source>
        <translation>Registration Desk</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="29"/>
        <source>Nama petugas di meja ini</source>
        <translation>Name of this desk&apos;s operator</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="33"/>
        <source>Nama meja</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="34"/>
        <source>Petugas</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="35"/>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="35"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="37"/>
        <source>Nama meja dan petugas dicatat pada setiap kehadiran.</source>
        <translation>The desk and operator names are kept with every check-in.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="45"/>
        <location filename="../../ui/desk_session.py" line="46"/>
        <source>Wajib diisi</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>DialogService</name>
    <message>
        <location filename="../../ui/services.py" line="97"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/services.py" line="99"/>
        <source>Buang</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/services.py" line="101"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../pledges/documents/registry.py" line="106"/>
        <source>Surat Pernyataan Bertanda Tangan…</source>
        <translation>Signed Statements…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="108"/>
        <source>Daftar Hadir (Excel)…</source>
        <translation>Attendance List (Excel)…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="109"/>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="111"/>
        <source>Daftar Hadir (PDF)…</source>
        <translation>Attendance List (PDF)…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="114"/>
        <source>Daftar Hadir Kosong untuk Kertas (PDF)…</source>
        <translation>Blank Attendance List for Paper (PDF)…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="116"/>
        <source>Berita Acara (PDF)…</source>
        <translation>Minutes — Berita Acara (PDF)…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="118"/>
        <source>Daftar Publik Penanda Tangan (PDF)…</source>
        <translation>Public List of Signers (PDF)…</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/registry.py" line="121"/>
        <source>Daftar Publik Penanda Tangan (CSV)…</source>
        <translation>Public List of Signers (CSV)…</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="111"/>
        <source>Simpan Dokumen</source>
        <translation>Save Document</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="119"/>
        <source>Dokumen</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="149"/>
        <location filename="../../ui/documents.py" line="157"/>
        <location filename="../../ui/documents.py" line="161"/>
        <location filename="../../ui/documents.py" line="194"/>
        <location filename="../../ui/documents.py" line="209"/>
        <source>Surat Pernyataan</source>
        <translation>Signed Statement</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="158"/>
        <source>{0} tanda tangan belum disegel. Surat pernyataan memuat segel tanda tangan, jadi kunci segel harus dibuka (atau dibuat) dulu.</source>
        <translation>{0} signatures are not sealed yet. A signed statement carries the signature&apos;s seal, so the seal key must be unlocked (or made) first.</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="162"/>
        <source>Tanda tangan digital PDF memakai kunci segel: buka kunci segel dulu.</source>
        <translation>Digitally signing PDFs uses the seal key: unlock the seal key first.</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="199"/>
        <source>Simpan Surat Pernyataan</source>
        <translation>Save Signed Statements</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="201"/>
        <source>Folder Surat Pernyataan</source>
        <translation>Folder for Signed Statements</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="310"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/documents.py" line="311"/>
        <source>Printer tidak dapat dipakai.</source>
        <translation>The printer cannot be used.</translation>
    </message>
    <message>
        <location filename="../../pledges/documents/letterhead.py" line="31"/>
        <source>Logo acara tidak dapat dibaca sebagai gambar; dokumen dibuat tanpa logo.</source>
        <translation>The event&apos;s logo cannot be read as an image; the document was made without a logo.</translation>
    </message>
</context>
<context>
    <name>EventDay</name>
    <message>
        <location filename="../../ui/desk_page.py" line="277"/>
        <source>⚠ Hari ini ({0}) bukan tanggal acara ({1}); kehadiran tetap dicatat dengan tanggalnya.</source>
        <translation>⚠ Today ({0}) is not the event&apos;s date ({1}); check-ins are still recorded, with their date.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/event_dialog.py" line="128"/>
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="128"/>
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="132"/>
        <source>mis. Ikrar Netralitas ASN Kota Bekasi 2024</source>
        <translation>e.g. Ikrar Netralitas ASN Kota Bekasi 2024</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="143"/>
        <source>WIB — Waktu Indonesia Barat (UTC+7)</source>
        <translation>WIB — Western Indonesia Time (UTC+7)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="144"/>
        <source>WITA — Waktu Indonesia Tengah (UTC+8)</source>
        <translation>WITA — Central Indonesia Time (UTC+8)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="145"/>
        <source>WIT — Waktu Indonesia Timur (UTC+9)</source>
        <translation>WIT — Eastern Indonesia Time (UTC+9)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="148"/>
        <source>mis. Aula Balai Patriot</source>
        <translation>e.g. Aula Balai Patriot</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="150"/>
        <source>mis. Bekasi</source>
        <translation>e.g. Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="152"/>
        <source>mis. Badan Kesbangpol</source>
        <translation>e.g. Badan Kesbangpol</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="154"/>
        <source>mis. Pemerintah Kota Bekasi</source>
        <translation>e.g. Pemerintah Kota Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="160"/>
        <source>Pilih Logo…</source>
        <translation>Choose Logo…</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="161"/>
        <source>Hapus Logo</source>
        <translation>Remove Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="165"/>
        <source>mis. Jalan Jenderal Ahmad Yani Nomor 1, Bekasi</source>
        <translation>e.g. Jalan Jenderal Ahmad Yani Nomor 1, Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="167"/>
        <source>mis. 17141</source>
        <translation>e.g. 17141</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="169"/>
        <source>mis. (021) 88397963</source>
        <translation>e.g. (021) 88397963</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="171"/>
        <source>mis. kesbangpol@bekasikota.go.id</source>
        <translation>e.g. kesbangpol@bekasikota.go.id</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="173"/>
        <source>mis. kesbangpol.bekasikota.go.id</source>
        <translation>e.g. kesbangpol.bekasikota.go.id</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="175"/>
        <source>mis. 800/{n:03d}/Kesbangpol/2026</source>
        <translation>e.g. 800/{n:03d}/Kesbangpol/2026</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="177"/>
        <source>Nomor surat untuk Berita Acara dan surat pernyataan: {n} diganti nomor urut, {n:03d} nomor urut tiga angka (001). Berita Acara memakai nomor pertama; surat pernyataan mendapat nomor berikutnya saat tanda tangannya disegel dan tetap memakainya (isi sebelum acara dimulai). Kosongkan bila nomor ditulis tangan.</source>
        <translation>Letter number for the minutes and the signed statements: {n} becomes the running number, {n:03d} the running number in three digits (001). The minutes take the first number; each signed statement takes the next one when its signature is sealed and keeps it (set this before the event starts). Leave empty when numbers are written by hand.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="184"/>
        <source>mis. 005/7262-Kesbangpol.Poldagri</source>
        <translation>e.g. 005/7262-Kesbangpol.Poldagri</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="185"/>
        <source>Tanggal surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="192"/>
        <location filename="../../ui/event_dialog.py" line="236"/>
        <location filename="../../ui/event_dialog.py" line="240"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="192"/>
        <location filename="../../ui/event_dialog.py" line="237"/>
        <location filename="../../ui/event_dialog.py" line="241"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="192"/>
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="194"/>
        <source>Satu acara per baris, mis. Pembukaan</source>
        <translation>One item per line, e.g. Opening</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="205"/>
        <source>Nama acara *</source>
        <translation>Event name *</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="206"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="207"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="210"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="212"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="213"/>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="214"/>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="215"/>
        <source>Kota/Kabupaten</source>
        <translation>City/Regency</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="216"/>
        <source>Penyelenggara</source>
        <translation>Organizing unit</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="217"/>
        <source>Instansi (kop surat)</source>
        <translation>Institution (letterhead)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="223"/>
        <location filename="../../ui/event_dialog.py" line="363"/>
        <location filename="../../ui/event_dialog.py" line="368"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="224"/>
        <source>Umum</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="228"/>
        <source>Nomor surat dasar</source>
        <translation>Reference letter no.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="235"/>
        <source>Pejabat yang memimpin</source>
        <translation>Presiding official</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="238"/>
        <location filename="../../ui/event_dialog.py" line="242"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="239"/>
        <source>Pejabat yang menyaksikan</source>
        <translation>Witnessing official</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="243"/>
        <source>Surat dan Pejabat</source>
        <translation>Letter and Officials</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="247"/>
        <source>Narasumber (untuk acara sosialisasi)</source>
        <translation>Speakers (for socialization events)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="254"/>
        <source>Tambah Narasumber</source>
        <translation>Add Speaker</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="255"/>
        <source>Hapus Narasumber</source>
        <translation>Remove Speaker</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="268"/>
        <source>Susunan acara</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="270"/>
        <source>Narasumber dan Susunan Acara</source>
        <translation>Speakers and Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="274"/>
        <source>Kop surat: dicetak di bawah nama instansi dan penyelenggara pada setiap dokumen.</source>
        <translation>Letterhead: printed under the institution and the organizer on every document.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="276"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="277"/>
        <source>Kode pos</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="278"/>
        <source>Telepon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="279"/>
        <source>Pos-el</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="280"/>
        <source>Laman</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="281"/>
        <source>Penomoran dokumen</source>
        <translation>Document numbering</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="282"/>
        <source>Pola nomor</source>
        <translation>Number pattern</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="283"/>
        <source>Nomor urut pertama</source>
        <translation>First running number</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="284"/>
        <source>Kop Surat dan Nomor</source>
        <translation>Letterhead and Numbers</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="289"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="289"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="349"/>
        <source>(tanpa logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="354"/>
        <source>Pilih Logo</source>
        <translation>Choose Logo</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="355"/>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="364"/>
        <source>Logo tidak dapat dibaca: {0}</source>
        <translation>The logo cannot be read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="369"/>
        <source>Berkas ini bukan gambar PNG/JPG yang dapat dipakai (maksimal 2 MB).</source>
        <translation>This file is not a usable PNG/JPG image (2 MB at most).</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="451"/>
        <source>Tanggal {0} tidak ada di kalender; periksa tanggal dan bulannya.</source>
        <translation>The date {0} does not exist; check the day and the month.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="481"/>
        <source>Perubahan Belum Disimpan</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="482"/>
        <source>Perubahan pada acara ini belum disimpan. Simpan sebelum menutup?</source>
        <translation>The changes to this event are not saved. Save them before closing?</translation>
    </message>
</context>
<context>
    <name>EventListPage</name>
    <message>
        <location filename="../../ui/event_list.py" line="107"/>
        <source>Acara</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="112"/>
        <source>Pilih acara untuk membuka daftar peserta, atau buat acara baru. Baru pertama kali? Coba acara demo dengan data contoh.</source>
        <translation>Choose an event to open its roster, or create a new one. New to Ikrar? Try the demo event with sample data.</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="130"/>
        <location filename="../../ui/event_list.py" line="172"/>
        <source>Belum ada acara. Klik “Acara Baru” untuk memulai, atau “Coba Demo”.</source>
        <translation>No events yet. Click “New Event” to begin, or “Try the Demo”.</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="135"/>
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="136"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="137"/>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="138"/>
        <location filename="../../ui/event_list.py" line="194"/>
        <source>Arsipkan</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="139"/>
        <source>Coba Demo</source>
        <translation>Try the Demo</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="140"/>
        <source>Tampilkan yang diarsipkan</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="169"/>
        <source>Tidak ada acara aktif. Centang “Tampilkan yang diarsipkan” untuk melihat acara yang diarsipkan.</source>
        <translation>No active events. Tick “Show archived” to see archived events.</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="192"/>
        <source>Keluarkan dari Arsip</source>
        <translation>Restore from Archive</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../ui/event_list.py" line="36"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="36"/>
        <source>Nama Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="36"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="36"/>
        <source>Tempat</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="37"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="74"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/event_list.py" line="76"/>
        <source>Diarsipkan</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <location filename="../../ui/export_job.py" line="39"/>
        <source>Menyiapkan…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../ui/export_job.py" line="39"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/export_job.py" line="55"/>
        <source>{0} dari {1}…</source>
        <translation>{0} of {1}…</translation>
    </message>
    <message>
        <location filename="../../ui/export_job.py" line="69"/>
        <source>Tersimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/export_job.py" line="83"/>
        <source>Berkas tidak dibuat: {0}</source>
        <translation>The file was not created: {0}</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="127"/>
        <source>Pilih berkas daftar undangan</source>
        <translation>Choose the invitation roster file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="128"/>
        <source>Berkas Excel (.xlsx) atau CSV dari penyelenggara. Judul, kop, baris kosong dan baris JUMLAH dikenali sendiri.</source>
        <translation>The organizer&apos;s Excel (.xlsx) or CSV file. Titles, letterheads, blank rows and the JUMLAH row are recognised automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="131"/>
        <source>Lokasi berkas .xlsx atau .csv</source>
        <translation>Location of the .xlsx or .csv file</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="133"/>
        <source>Pilih Berkas…</source>
        <translation>Choose File…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="138"/>
        <source>Batalkan Pembacaan</source>
        <translation>Stop Reading</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="164"/>
        <source>Pilih Daftar Undangan</source>
        <translation>Choose the Invitation Roster</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="165"/>
        <source>Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)</source>
        <translation>Invitation rosters (*.xlsx *.xlsm *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="180"/>
        <source>Membaca {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="207"/>
        <source>Pembacaan dibatalkan.</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="223"/>
        <source>Berkas tidak dapat dibaca: {0}</source>
        <translation>The file cannot be read: {0}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="63"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="64"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="65"/>
        <source>Gelar depan</source>
        <translation>Title before name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="66"/>
        <source>Gelar belakang</source>
        <translation>Title after name</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="67"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="68"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="69"/>
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="70"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="71"/>
        <source>Eselon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="72"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="73"/>
        <source>Instansi</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="74"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="75"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="76"/>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="559"/>
        <source>Impor Daftar Undangan</source>
        <translation>Import Invitation Roster</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="562"/>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="563"/>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="564"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>KeyCreateDialog</name>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="28"/>
        <source>Buat Kunci Segel</source>
        <translation>Make a Seal Key</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="30"/>
        <source>Kunci segel menandai setiap tanda tangan dan surat pernyataan sehingga keasliannya dapat diperiksa kemudian, juga tanpa internet. Kata sandinya tidak dapat dipulihkan: catat dan simpan di tempat aman. Tanpa kata sandi, tanda tangan baru tidak dapat disegel.</source>
        <translation>The seal key marks every signature and signed statement so that their authenticity can be checked later, even without internet. Its passphrase cannot be recovered: write it down and keep it safe. Without the passphrase, new signatures cannot be sealed.</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="36"/>
        <source>mis. Badan Kesbangpol Kota Bekasi</source>
        <translation>e.g. Badan Kesbangpol Kota Bekasi</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="45"/>
        <source>Penyelenggara:</source>
        <translation>Organizer:</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="46"/>
        <source>Kata sandi:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="47"/>
        <source>Ulangi kata sandi:</source>
        <translation>Repeat passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="48"/>
        <source>Buat Kunci</source>
        <translation>Make Key</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="48"/>
        <source>Nanti Saja</source>
        <translation>Not Now</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="61"/>
        <source>Kata sandi minimal {0} karakter.</source>
        <translation>The passphrase needs at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/key_create_dialog.py" line="63"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../ui/seal_keys.py" line="296"/>
        <source>Kunci Segel</source>
        <translation>Seal Key</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="302"/>
        <source>Buat Kunci Baru…</source>
        <translation>Make a New Key…</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="304"/>
        <source>Ekspor Kunci Publik…</source>
        <translation>Export Public Key…</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="306"/>
        <source>Kenali Kunci Publik Lain…</source>
        <translation>Add Another Organizer&apos;s Public Key…</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="311"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="332"/>
        <source>Kunci segel: &lt;b&gt;{0}&lt;/b&gt; ({1}), dibuat {2}. {3}</source>
        <translation>Seal key: &lt;b&gt;{0}&lt;/b&gt; ({1}), made {2}. {3}</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="335"/>
        <source>Terbuka untuk sesi ini.</source>
        <translation>Unlocked for this session.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="336"/>
        <source>Terkunci: kata sandinya ditanyakan saat meja atau stasiun dibuka, atau saat surat pernyataan dibuat.</source>
        <translation>Locked: its passphrase is asked when the desk or station opens, or when signed statements are made.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="355"/>
        <source>Membuat kunci baru? Surat pernyataan lama tetap dapat diperiksa dengan kunci lama; tanda tangan baru disegel dengan kunci baru.</source>
        <translation>Make a new key? Older signed statements can still be checked with the old key; new signatures are sealed with the new one.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="382"/>
        <source>Kunci publik {0} disimpan di {1}. Berkas ini boleh dibagikan: dengan berkas ini siapa pun dapat memeriksa surat pernyataan, tetapi tidak dapat membuatnya.</source>
        <translation>Public key {0} saved to {1}. This file may be shared: with it anyone can check signed statements, but nobody can make them.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="401"/>
        <source>Kunci publik {0} dikenali: surat pernyataannya dapat diperiksa di sini.</source>
        <translation>Public key {0} added: its signed statements can be checked here.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="340"/>
        <source>Belum ada kunci segel. Tanda tangan dicatat tanpa segel sampai kunci dibuat.</source>
        <translation>No seal key yet. Signatures are recorded unsealed until a key is made.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="344"/>
        <source>Kunci lama: {0}</source>
        <translation>Older key: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="345"/>
        <source>Kunci penyelenggara lain: {0} ({1})</source>
        <translation>Another organizer&apos;s key: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="369"/>
        <source>Simpan Kunci Publik</source>
        <translation>Save Public Key</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="371"/>
        <source>Kunci publik (*.pem)</source>
        <translation>Public key (*.pem)</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="379"/>
        <source>Kunci publik tidak tersimpan: {0}</source>
        <translation>The public key was not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="389"/>
        <source>Kunci Publik Penyelenggara Lain</source>
        <translation>Another Organizer&apos;s Public Key</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="390"/>
        <source>Kunci publik (*.pem);;Semua berkas (*)</source>
        <translation>Public key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="394"/>
        <source>Nama penyelenggara pemilik kunci ini:</source>
        <translation>Name of the organizer who owns this key:</translation>
    </message>
</context>
<context>
    <name>KioskLock</name>
    <message>
        <location filename="../../ui/desk_session.py" line="69"/>
        <location filename="../../ui/desk_session.py" line="87"/>
        <source>PIN Petugas</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="71"/>
        <source>Buat PIN petugas (4–8 angka). PIN ini diminta untuk keluar dari mode kios dan dari stasiun tanda tangan:</source>
        <translation>Create a staff PIN (4–8 digits). It is asked to leave kiosk mode and the signing station:</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="76"/>
        <source>PIN harus 4 sampai 8 angka.</source>
        <translation>The PIN must be 4 to 8 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="78"/>
        <source>Ulangi PIN:</source>
        <translation>Repeat the PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="80"/>
        <source>Kedua PIN tidak sama.</source>
        <translation>The two PINs differ.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="88"/>
        <source>PIN petugas:</source>
        <translation>Staff PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/desk_session.py" line="93"/>
        <source>PIN salah.</source>
        <translation>Wrong PIN.</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>Bahasa antarmuka</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <location filename="../../ui/main_window.py" line="539"/>
        <source>Ikrar</source>
        <translation>Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>Basis data: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>Acara &amp;Baru…</source>
        <translation>&amp;New Event…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="99"/>
        <source>&amp;Semua Acara</source>
        <translation>&amp;All Events</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Buka Acara &amp;Demo</source>
        <translation>Open the &amp;Demo Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>&amp;Cadangkan Sekarang…</source>
        <translation>&amp;Back Up Now…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>&amp;Folder Cadangan…</source>
        <translation>Backup &amp;Folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>&amp;Pulihkan dari Cadangan…</source>
        <translation>&amp;Restore from Backup…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>&amp;Dokumen</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>&amp;Pengaturan</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122"/>
        <source>&amp;Bahasa…</source>
        <translation>&amp;Language…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>Basis &amp;Data…</source>
        <translation>&amp;Database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>&amp;Kunci Segel…</source>
        <translation>Seal &amp;Key…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>&amp;Tentang Ikrar</source>
        <translation>&amp;About Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>Acara</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>Buka sebuah acara dulu</source>
        <translation>Open an event first</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>Tanda Tangan lewat Ponsel…</source>
        <translation>Signing on Phones…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Jejak Audit Acara…</source>
        <translation>Event Audit Trail…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Periksa Keaslian Surat Pernyataan…</source>
        <translation>Verify a Signed Statement…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>Meja Registrasi</source>
        <translation>Registration Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Meja Registrasi — {0}</source>
        <translation>Registration Desk — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397"/>
        <source>Tanda Tangan</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Tanda Tangan Ikrar — {0}</source>
        <translation>Pledge Signature — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <location filename="../../ui/main_window.py" line="482"/>
        <source>Stasiun Tanda Tangan</source>
        <translation>Signing Station</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Nama stasiun ini (tercatat pada setiap tanda tangan):</source>
        <translation>Name of this station (kept with every signature):</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="492"/>
        <source>Stasiun Tanda Tangan — {0}</source>
        <translation>Signing Station — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549"/>
        <source>Buka Acara</source>
        <translation>Open Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="551"/>
        <location filename="../../ui/main_window.py" line="600"/>
        <source>{0} — Ikrar</source>
        <translation>{0} — Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <source>Acara Baru</source>
        <translation>New Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="585"/>
        <location filename="../../ui/main_window.py" line="595"/>
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="608"/>
        <source>Arsipkan acara ini? Acara yang diarsipkan tidak tampil di daftar dan daftar pesertanya tidak dapat diubah. Data tetap tersimpan.</source>
        <translation>Archive this event? An archived event is hidden from the list and its roster cannot be changed. Its data is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="610"/>
        <location filename="../../ui/main_window.py" line="620"/>
        <source>Arsipkan Acara</source>
        <translation>Archive Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="638"/>
        <source>Acara Demo</source>
        <translation>Demo Event</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="660"/>
        <location filename="../../ui/main_window.py" line="676"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="661"/>
        <source>Bahasa baru dipakai setelah Ikrar dibuka ulang. Mulai ulang Ikrar sekarang, atau pakai bahasa baru saat Ikrar dibuka berikutnya?</source>
        <translation>The new language is used once Ikrar is reopened. Restart Ikrar now, or use the new language the next time it opens?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="663"/>
        <source>Mulai Ulang Sekarang</source>
        <translation>Restart Now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="663"/>
        <source>Saat Dibuka Berikutnya</source>
        <translation>Next Time It Opens</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="677"/>
        <source>Ikrar tidak dapat dibuka ulang otomatis. Buka Ikrar kembali untuk memakai bahasa baru.</source>
        <translation>Ikrar could not restart by itself. Open Ikrar again to use the new language.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="690"/>
        <source>Basis Data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="691"/>
        <source>Basis data baru dipakai setelah Ikrar dibuka ulang.</source>
        <translation>The new database is used once Ikrar is started again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="716"/>
        <source>Tentang Ikrar</source>
        <translation>About Ikrar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="717"/>
        <source>Ikrar: registrasi peserta, pembacaan dan penandatanganan ikrar, serta dokumen resmi untuk acara pemerintah daerah.

Basis data: {0}</source>
        <translation>Ikrar: attendee registration, the reading and signing of pledges, and official documents for local-government events.

Database: {0}</translation>
    </message>
</context>
<context>
    <name>PhoneWindow</name>
    <message>
        <location filename="../../ui/phone_window.py" line="93"/>
        <source>Tanda Tangan lewat Ponsel</source>
        <translation>Signing on Phones</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="99"/>
        <location filename="../../ui/phone_window.py" line="222"/>
        <source>Mulai Layanan</source>
        <translation>Start Service</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="101"/>
        <source>Periksa Alamat</source>
        <translation>Check Addresses</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="104"/>
        <location filename="../../ui/phone_window.py" line="226"/>
        <source>Layanan belum berjalan.</source>
        <translation>The service is not running.</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="113"/>
        <source>Ponsel peserta dan laptop ini harus berada pada satu jaringan Wi-Fi acara (tanpa isolasi klien). Buka port di firewall laptop bila alamat tidak menjawab.</source>
        <translation>The attendees&apos; phones and this laptop must be on one event Wi-Fi network (without client isolation). Open the port in the laptop&apos;s firewall if an address does not answer.</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="118"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="119"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="134"/>
        <source>Pindai untuk menandatangani ikrar di ponsel Anda</source>
        <translation>Scan to sign the pledge on your phone</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="170"/>
        <source>Semua alamat mesin ini</source>
        <translation>All of this machine&apos;s addresses</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="199"/>
        <source>Layanan tidak dapat dimulai di {0}:{1}: {2}</source>
        <translation>The service cannot start at {0}:{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="205"/>
        <source>Layanan aktif di: {0}</source>
        <translation>Service running at: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="208"/>
        <source>Hentikan Layanan</source>
        <translation>Stop Service</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="242"/>
        <source>Tautan dibuat: {0} · sudah ditandatangani: {1} · halaman dibuka: {2} · ditolak: {3}</source>
        <translation>Links made: {0} · signed: {1} · pages opened: {2} · refused: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="283"/>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="286"/>
        <source>{0}: menjawab</source>
        <translation>{0}: answers</translation>
    </message>
    <message>
        <location filename="../../ui/phone_window.py" line="286"/>
        <source>{0}: tidak menjawab</source>
        <translation>{0}: does not answer</translation>
    </message>
</context>
<context>
    <name>PledgeEditorDialog</name>
    <message>
        <location filename="../../ui/pledge_editor.py" line="64"/>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="102"/>
        <source>Teks Ikrar — {0}</source>
        <translation>Pledge Text — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="105"/>
        <source>Teks sendiri (hasil ubahan)</source>
        <translation>Own text (edited)</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="111"/>
        <source>mis. IKRAR NETRALITAS PEGAWAI ASN</source>
        <translation>e.g. IKRAR NETRALITAS PEGAWAI ASN</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="113"/>
        <source>mis. Dalam rangka … kami berikrar:</source>
        <translation>e.g. Dalam rangka … kami berikrar:</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="115"/>
        <source>Boleh kosong</source>
        <translation>May be empty</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="130"/>
        <source>Isi butir yang dipilih</source>
        <translation>Text of the selected point</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="132"/>
        <source>Tambah Butir</source>
        <translation>Add Point</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="133"/>
        <source>Hapus Butir</source>
        <translation>Remove Point</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="134"/>
        <source>Naik</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="135"/>
        <source>Turun</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="150"/>
        <source>Ambil dari templat</source>
        <translation>Start from template</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="151"/>
        <source>Judul *</source>
        <translation>Title *</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="152"/>
        <source>Kalimat pembuka</source>
        <translation>Opening</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="153"/>
        <source>Kalimat penutup</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="160"/>
        <source>Butir ikrar *</source>
        <translation>Pledge points *</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="185"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="185"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="189"/>
        <source>Versi teks di layar:</source>
        <translation>Version of the text on screen:</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="270"/>
        <source>Sudah ditandatangani {0} orang: perubahan menjadi versi baru; tanda tangan lama tetap terikat pada versi lama</source>
        <translation>Already signed by {0} people: a change becomes a new version; earlier signatures stay bound to the earlier version</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="283"/>
        <source>acara ini belum memiliki teks ikrar; Simpan untuk memakainya</source>
        <translation>this event has no pledge text yet; Save to use this one</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="285"/>
        <source>sama dengan versi yang dipakai acara ini</source>
        <translation>the same as the event&apos;s current version</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="287"/>
        <source>berbeda dari versi yang dipakai ({0}); Simpan membuat versi baru</source>
        <translation>differs from the current version ({0}); Save makes a new version</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="303"/>
        <source>Ganti Teks</source>
        <translation>Replace Text</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="304"/>
        <source>Ganti teks di layar dengan templat &quot;{0}&quot;? Perubahan yang belum disimpan akan hilang.</source>
        <translation>Replace the text on screen with the template &quot;{0}&quot;? Unsaved changes will be lost.</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="330"/>
        <source>Isi butir {0}:</source>
        <translation>Text of point {0}:</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="333"/>
        <source>Pilih atau tambahkan butir untuk mengubahnya.</source>
        <translation>Choose or add a point to edit it.</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="392"/>
        <source>Isi sedikitnya satu butir ikrar</source>
        <translation>Enter at least one pledge point</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="395"/>
        <source>Butir {0} kosong: isi atau hapus</source>
        <translation>Point {0} is empty: fill it in or remove it</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="412"/>
        <source>Versi Baru</source>
        <translation>New Version</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="413"/>
        <source>Versi yang dipakai sudah ditandatangani {0} orang. Simpan teks ini sebagai versi baru? Penanda tangan berikutnya menandatangani versi baru; tanda tangan lama tetap terikat pada versi lama.</source>
        <translation>The current version has been signed by {0} people. Save this text as a new version? Later signers sign the new version; earlier signatures stay bound to the earlier version.</translation>
    </message>
    <message>
        <location filename="../../ui/pledge_editor.py" line="421"/>
        <source>Teks Ikrar</source>
        <translation>Pledge Text</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <location filename="../../ui/presenter.py" line="268"/>
        <source>Ikrar — {0}</source>
        <translation>Pledge — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/presenter.py" line="339"/>
        <source>Pembukaan</source>
        <translation>Opening</translation>
    </message>
    <message>
        <location filename="../../ui/presenter.py" line="341"/>
        <source>Penutup</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../ui/presenter.py" line="343"/>
        <source>Butir {0} dari {1}</source>
        <translation>Point {0} of {1}</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="96"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="96"/>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="96"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="96"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="97"/>
        <source>Isi sel</source>
        <translation>Cell value</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="109"/>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="109"/>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="417"/>
        <source>Tinjau dan impor</source>
        <translation>Review and import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="441"/>
        <source>Simpan Daftar Masalah…</source>
        <translation>Save Problem List…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="443"/>
        <source>Simpan daftar masalah sebagai CSV untuk dikirim ke pembuat daftar undangan</source>
        <translation>Save the problems as a CSV to send back to whoever made the invitation list</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="486"/>
        <location filename="../../ui/import_wizard.py" line="494"/>
        <source>Simpan Daftar Masalah</source>
        <translation>Save Problem List</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="486"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="495"/>
        <source>Daftar masalah tidak tersimpan: {0}</source>
        <translation>The problem list was not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="497"/>
        <source>Daftar masalah disimpan: {0}</source>
        <translation>Problem list saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="418"/>
        <source>Baris yang ditolak tidak diimpor; perbaiki di berkas lalu impor ulang. Baris dengan peringatan diimpor.</source>
        <translation>Refused rows are not imported; correct them in the file and import again. Rows with a warning are imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="460"/>
        <source>&lt;b&gt;{0} orang siap diimpor&lt;/b&gt;, {1} baris ditolak.</source>
        <translation>&lt;b&gt;{0} people ready to import&lt;/b&gt;, {1} rows refused.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="474"/>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="513"/>
        <source>Menyimpan {0} peserta…</source>
        <translation>Saving {0} attendees…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="533"/>
        <source>{0} peserta diimpor.</source>
        <translation>{0} attendees imported.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="540"/>
        <source>Tidak ada yang diimpor: {0}</source>
        <translation>Nothing was imported: {0}</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../ui/roster_model.py" line="117"/>
        <source>No</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="117"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="117"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="117"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="118"/>
        <source>Gol.</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="118"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="118"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="118"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="119"/>
        <source>TTD</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="119"/>
        <source>Kehadiran</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="254"/>
        <source>Hadir {0}</source>
        <translation>Present {0}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="254"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="261"/>
        <source>Belum hadir</source>
        <translation>Not yet arrived</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="263"/>
        <source>Hadir {0} di {1}</source>
        <translation>Present {0} at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="285"/>
        <source>Ditandatangani {0} di {1}</source>
        <translation>Signed {0} at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="286"/>
        <source>Ditandatangani {0}</source>
        <translation>Signed {0}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="274"/>
        <source>belum</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="283"/>
        <source>Belum tanda tangan</source>
        <translation>Not yet signed</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_page.py" line="116"/>
        <source>← Semua Acara</source>
        <translation>← All Events</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="127"/>
        <source>ACARA DEMO — semua nama dan NIP di sini rekaan, untuk mencoba aplikasi.</source>
        <translation>DEMO EVENT — every name and NIP here is invented, for trying the app.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="129"/>
        <source>Ubah Acara</source>
        <translation>Edit Event</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="131"/>
        <source>Meja Registrasi →</source>
        <translation>Registration Desk →</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="137"/>
        <source>Cari nama, NIP, jabatan atau unit kerja…</source>
        <translation>Search name, NIP, position or work unit…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="141"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="145"/>
        <source>Belum tanda tangan</source>
        <translation>Not yet signed</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="174"/>
        <source>Tambah Peserta</source>
        <translation>Add Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="175"/>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="176"/>
        <location filename="../../ui/roster_page.py" line="382"/>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="177"/>
        <source>Impor Daftar Undangan…</source>
        <translation>Import Invitation Roster…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="178"/>
        <source>Cetak Undangan (QR)…</source>
        <translation>Print Invitations (QR)…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="179"/>
        <location filename="../../ui/roster_page.py" line="383"/>
        <source>Cetak Ulang Undangan Ini…</source>
        <translation>Reprint This Invitation…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="180"/>
        <source>Tanda Tangan…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="182"/>
        <source>Stasiun Tanda Tangan</source>
        <translation>Signing Station</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="184"/>
        <source>Teks Ikrar…</source>
        <translation>Pledge Text…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="186"/>
        <source>Tayangkan Ikrar</source>
        <translation>Present the Pledge</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="189"/>
        <source>Tanda Tangan Saksi…</source>
        <translation>Witness Signature…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="339"/>
        <source>Sudah tanda tangan: &lt;b&gt;{0}&lt;/b&gt; dari {1}</source>
        <translation>Signed: &lt;b&gt;{0}&lt;/b&gt; of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="341"/>
        <source>{0} dari {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="378"/>
        <source>Hapus ({0})</source>
        <translation>Remove ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="380"/>
        <source>Cetak Undangan Terpilih ({0})…</source>
        <translation>Print Selected Invitations ({0})…</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="419"/>
        <source>Teks ikrar: &lt;b&gt;belum dipilih&lt;/b&gt;</source>
        <translation>Pledge text: &lt;b&gt;not chosen yet&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="421"/>
        <source>Teks ikrar: {0} (versi {1})</source>
        <translation>Pledge text: {0} (version {1})</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="492"/>
        <location filename="../../ui/roster_page.py" line="506"/>
        <source>Cetak Undangan</source>
        <translation>Print Invitations</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="493"/>
        <source>Belum ada peserta untuk dibuatkan undangan.</source>
        <translation>There are no attendees to make invitations for yet.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="495"/>
        <source>Simpan Undangan</source>
        <translation>Save Invitations</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="496"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="511"/>
        <source>undangan.pdf</source>
        <translation>invitations.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="519"/>
        <source>undangan_{0}.pdf</source>
        <translation>invitation_{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="522"/>
        <source>undangan_terpilih_{0}.pdf</source>
        <translation>invitations_selected_{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="573"/>
        <source>Hapus {0} dari daftar peserta acara ini?</source>
        <translation>Remove {0} from this event&apos;s roster?</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="576"/>
        <source>Hapus {0} peserta terpilih dari daftar peserta acara ini?</source>
        <translation>Remove the {0} selected attendees from this event&apos;s roster?</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="578"/>
        <location filename="../../ui/roster_page.py" line="588"/>
        <source>Hapus Peserta</source>
        <translation>Remove Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="586"/>
        <source>{0} tidak terhapus: {1}
{2} dari {3} peserta sudah terhapus.</source>
        <translation>{0} was not removed: {1}
{2} of {3} attendees were removed.</translation>
    </message>
</context>
<context>
    <name>SealKeyBar</name>
    <message>
        <location filename="../../ui/seal_keys.py" line="269"/>
        <source>Kunci segel terkunci: tanda tangan dicatat tanpa segel, dan disegel saat surat pernyataan dibuat.</source>
        <translation>The seal key is locked: signatures are recorded unsealed, and sealed when signed statements are made.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="271"/>
        <source>Buka Kunci Segel…</source>
        <translation>Unlock Seal Key…</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="274"/>
        <source>Belum ada kunci segel: tanda tangan dicatat tanpa segel, dan disegel saat surat pernyataan dibuat.</source>
        <translation>No seal key yet: signatures are recorded unsealed, and sealed when signed statements are made.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="276"/>
        <source>Buat Kunci Segel…</source>
        <translation>Create Seal Key…</translation>
    </message>
</context>
<context>
    <name>SealKeys</name>
    <message>
        <location filename="../../ui/seal_keys.py" line="50"/>
        <source>Belum ada kunci segel; buat kunci segel dulu.</source>
        <translation>No seal key yet; make one first.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="53"/>
        <source>Kata sandi kunci segel salah.</source>
        <translation>Wrong seal key passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="56"/>
        <source>Kata sandi minimal {0} karakter.</source>
        <translation>The passphrase needs at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="59"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="62"/>
        <source>Kunci segel tersimpan rusak dan tidak dapat dibuka ({0}).</source>
        <translation>The stored seal key is damaged and cannot be opened ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="66"/>
        <source>Berkas ini bukan kunci publik Ikrar ({0}).</source>
        <translation>This file is not an Ikrar public key ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="69"/>
        <source>Berkas kunci tidak dapat dibaca: {0}</source>
        <translation>The key file cannot be read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="72"/>
        <source>Kunci {0} hanya kunci publik: tidak dapat menyegel.</source>
        <translation>Key {0} is a public key only: it cannot seal.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="137"/>
        <source>Tanda tangan acara ini disegel dengan kunci segel penyelenggara. Buka kuncinya sekarang, sebelum antrean dimulai: selama antrean kata sandinya tidak ditanyakan.

Batal: tanda tangan tetap dicatat, tetapi tanpa segel. Segelnya dibubuhkan saat surat pernyataan dibuat (kata sandi ditanyakan lagi saat itu). Kunci juga dapat dibuka kapan saja dengan tombol “Buka Kunci Segel” di layar meja atau stasiun.</source>
        <translation>This event&apos;s signatures are sealed with the organizer&apos;s seal key. Unlock it now, before the queue starts: during the queue its passphrase is not asked.

Cancel: signatures are still recorded, but unsealed. Their seal is added when signed statements are made (the passphrase is asked again then). The key can also be unlocked at any time with the “Unlock Seal Key” button on the desk or station screen.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="214"/>
        <source>Kunci segel dibuat. Sidik jarinya {0} tercetak pada setiap surat pernyataan. Simpan kata sandinya, dan berikan kunci publiknya (Pengaturan → Kunci Segel → Ekspor) kepada yang akan memeriksa surat pernyataan.</source>
        <translation>Seal key made. Its fingerprint {0} is printed on every signed statement. Keep the passphrase, and give its public key (Settings → Seal Key → Export) to whoever will check signed statements.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="167"/>
        <location filename="../../ui/seal_keys.py" line="174"/>
        <location filename="../../ui/seal_keys.py" line="200"/>
        <source>Kunci Segel</source>
        <translation>Seal Key</translation>
    </message>
    <message>
        <location filename="../../ui/seal_keys.py" line="179"/>
        <source>Kata sandi kunci segel {0}:</source>
        <translation>Passphrase of seal key {0}:</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/signature_pad.py" line="65"/>
        <source>Tanda tangan di sini</source>
        <translation>Sign here</translation>
    </message>
</context>
<context>
    <name>SignedResultsModel</name>
    <message>
        <location filename="../../ui/signing_station.py" line="56"/>
        <source>Belum tanda tangan</source>
        <translation>Not yet signed</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="57"/>
        <source>Sudah TTD {0}</source>
        <translation>Signed {0}</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="61"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="61"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="61"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="62"/>
        <source>Tanda Tangan</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="62"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="62"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>SigningPage</name>
    <message>
        <location filename="../../ui/signing_page.py" line="106"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="122"/>
        <source>Tanda tangani di kotak putih ini:</source>
        <translation>Sign in this white box:</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="127"/>
        <source>Ulangi</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="128"/>
        <source>Batalkan Goresan Terakhir</source>
        <translation>Undo Last Stroke</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="129"/>
        <source>Setuju dan Tandatangani</source>
        <translation>Agree and Sign</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="157"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="236"/>
        <source>Acara ini belum memiliki teks ikrar.</source>
        <translation>This event has no pledge text yet.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="238"/>
        <source>Teks ikrar acara ini belum dipilih. Minta petugas memilih teks ikrar dulu.</source>
        <translation>This event&apos;s pledge text has not been chosen. Ask the staff to choose it first.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="243"/>
        <source>Anda sudah menandatangani {0}. Tanda tangan baru akan menggantikannya; yang lama tetap tercatat dalam riwayat.</source>
        <translation>You signed {0}. A new signature replaces it; the earlier one stays in the history.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="313"/>
        <source>Tanda tangan Anda tersimpan {0}.</source>
        <translation>Your signature was saved {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="300"/>
        <source>Tanda tangan BELUM tersimpan: {0}. Tanda tangan Anda masih ada di kotak; coba tekan “Setuju dan Tandatangani” lagi, atau panggil petugas.</source>
        <translation>The signature was NOT saved: {0}. Your signature is still in the box; press “Agree and Sign” again, or call the staff.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="312"/>
        <source>Terima kasih, {0}</source>
        <translation>Thank you, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="316"/>
        <source>Tanda tangan sebelumnya diganti.</source>
        <translation>The earlier signature was replaced.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="318"/>
        <source>Anda juga tercatat hadir di {0}.</source>
        <translation>You are also recorded as present at {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_page.py" line="319"/>
        <source>stasiun ini</source>
        <translation>this station</translation>
    </message>
</context>
<context>
    <name>SigningStationPage</name>
    <message>
        <location filename="../../ui/signing_station.py" line="91"/>
        <source>← Keluar Stasiun</source>
        <translation>← Leave Station</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="97"/>
        <source>Cari nama Anda, atau pindai QR undangan Anda, untuk menandatangani ikrar.</source>
        <translation>Find your name, or scan your invitation QR, to sign the pledge.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="103"/>
        <source>Ketik nama — atau pindai QR undangan</source>
        <translation>Type a name — or scan the invitation QR</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="112"/>
        <source>Tanda Tangan (Enter)</source>
        <translation>Sign (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="176"/>
        <source>Stasiun Tanda Tangan</source>
        <translation>Signing Station</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="185"/>
        <source>Stasiun Tanda Tangan · {0} — {1}</source>
        <translation>Signing Station · {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="191"/>
        <location filename="../../ui/signing_station.py" line="350"/>
        <source>Siap. Ketik nama atau pindai QR undangan.</source>
        <translation>Ready. Type a name or scan the invitation QR.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="262"/>
        <source>Tersambung lagi ke basis data. Silakan lanjutkan.</source>
        <translation>Connected to the database again. Please carry on.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="256"/>
        <source>Server basis data tidak terjangkau. Tanda tangan belum bisa disimpan; stasiun menyambung ulang sendiri.</source>
        <translation>The database server cannot be reached. Signatures cannot be saved yet; the station reconnects by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="270"/>
        <source>Sudah tanda tangan: {0} dari {1}</source>
        <translation>Signed: {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="287"/>
        <source>Tidak ada yang cocok dengan “{0}”. Coba ketik nama lain, atau minta bantuan petugas.</source>
        <translation>Nobody matches “{0}”. Try another name, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="300"/>
        <location filename="../../ui/signing_station.py" line="313"/>
        <source>Kode undangan tidak dikenal: {0}</source>
        <translation>Unknown invitation code: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/signing_station.py" line="344"/>
        <source>✔ {0} sudah menandatangani. Silakan berikutnya.</source>
        <translation>✔ {0} has signed. Next, please.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../ui/texts.py" line="23"/>
        <source>Eselon II (JPT Pratama)</source>
        <translation>Echelon II (JPT Pratama)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="24"/>
        <source>Eselon III (Administrator)</source>
        <translation>Echelon III (Administrator)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="25"/>
        <source>Eselon IV (Pengawas)</source>
        <translation>Echelon IV (Pengawas)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="26"/>
        <source>Fungsional</source>
        <translation>Functional</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="27"/>
        <source>Pelaksana/Staf</source>
        <translation>Staff (Pelaksana)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="28"/>
        <source>PPPK</source>
        <translation>PPPK (contract civil servant)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="29"/>
        <source>Non-ASN</source>
        <translation>Non-ASN</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="30"/>
        <source>Tamu</source>
        <translation>Guest</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="39"/>
        <source>dicari di meja</source>
        <translation>searched at the desk</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="40"/>
        <source>pindai QR</source>
        <translation>QR scan</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="41"/>
        <source>pindai kamera</source>
        <translation>camera scan</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="42"/>
        <source>tanpa undangan</source>
        <translation>walk-in</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="43"/>
        <source>tanda tangan</source>
        <translation>signature</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="44"/>
        <source>baris perintah</source>
        <translation>command line</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="59"/>
        <source>Ikrar Netralitas ASN</source>
        <translation>Civil Service Neutrality Pledge (Ikrar Netralitas ASN)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="60"/>
        <source>Sosialisasi Anti Korupsi</source>
        <translation>Anti-Corruption Socialization</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="63"/>
        <source>Pakta Integritas</source>
        <translation>Integrity Pact</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="64"/>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="162"/>
        <source>{0} pukul {1}</source>
        <translation>on {0} at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="164"/>
        <source>pukul {0}</source>
        <translation>at {0}</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="38"/>
        <source>NIP harus 18 angka, tertulis {length} angka</source>
        <translation>A NIP has 18 digits; this one has {length}</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="39"/>
        <source>NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)</source>
        <translation>A NIP holds only digits (spaces or dots between groups are fine)</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="41"/>
        <source>NIP/NIK tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; ketik ulang sebagai teks</source>
        <translation>Excel stored this NIP/NIK as a number and lost its last digits; type it again as text</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="44"/>
        <source>Tanggal lahir pada NIP tidak mungkin ({value})</source>
        <translation>The birth date in this NIP is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="45"/>
        <source>Bulan TMT pada NIP tidak mungkin ({value})</source>
        <translation>The appointment month (TMT) in this NIP is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="46"/>
        <source>Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {value}</source>
        <translation>The sex digit of a NIP must be 1 or 2, not {value}</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="48"/>
        <source>TMT pada NIP ({value}) sebelum pegawai berusia 18 tahun</source>
        <translation>The appointment date in this NIP ({value}) is before the person was 18</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="50"/>
        <source>NIK harus 16 angka, tertulis {length} angka</source>
        <translation>A NIK has 16 digits; this one has {length}</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="51"/>
        <source>Tanggal lahir pada NIK tidak mungkin ({value})</source>
        <translation>The birth date in this NIK is impossible ({value})</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="52"/>
        <source>NIK hanya boleh berisi angka (boleh dipisah spasi atau titik)</source>
        <translation>A NIK holds only digits (spaces or dots between groups are fine)</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="54"/>
        <source>Nomor HP tidak dikenali: {value}</source>
        <translation>Unrecognised phone number: {value}</translation>
    </message>
    <message>
        <location filename="../../events/ids.py" line="55"/>
        <source>Nomor HP kehilangan angka 0 di depan; dibaca sebagai {value}</source>
        <translation>The phone number lost its leading 0; read as {value}</translation>
    </message>
    <message>
        <location filename="../../events/validation.py" line="16"/>
        <source>Wajib diisi</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../events/validation.py" line="17"/>
        <source>Berisi huruf yang tidak dapat dicetak dengan benar pada dokumen ({chars}); tulis dengan huruf Latin</source>
        <translation>Contains letters the documents cannot print correctly ({chars}); write it in Latin letters</translation>
    </message>
    <message>
        <location filename="../../events/validation.py" line="19"/>
        <source>Jam selesai harus setelah jam mulai</source>
        <translation>The end time must be after the start time</translation>
    </message>
    <message>
        <location filename="../../events/validation.py" line="21"/>
        <source>Pola nomor harus memuat tanda nomor urut: huruf n dalam kurung kurawal (boleh dengan :03d untuk tiga angka), tanpa kurung kurawal lain</source>
        <translation>The number pattern must hold the running number&apos;s mark: the letter n in braces (optionally with :03d for three digits), and no other braces</translation>
    </message>
    <message>
        <location filename="../../events/validation.py" line="24"/>
        <source>Nomor urut pertama harus 1 atau lebih</source>
        <translation>The first running number must be 1 or more</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="27"/>
        <source>Berkas basis data rusak atau bukan basis data Ikrar: {detail}</source>
        <translation>The database file is damaged or not an Ikrar database: {detail}</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="29"/>
        <source>Berkas ini basis data program lain, bukan milik Ikrar (berisi tabel {detail}); berkas tidak diubah</source>
        <translation>This file is another program&apos;s database, not Ikrar&apos;s (it holds the tables {detail}); the file was not changed</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="31"/>
        <source>Basis data sedang dipakai proses lain; coba lagi sebentar</source>
        <translation>The database is in use by another process; try again in a moment</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="33"/>
        <source>Penyimpanan penuh; data tidak tersimpan. Kosongkan ruang disk lalu coba lagi</source>
        <translation>The disk is full; nothing was saved. Free some disk space and try again</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="35"/>
        <source>Basis data hanya bisa dibaca; data tidak tersimpan</source>
        <translation>The database is read-only; nothing was saved</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="36"/>
        <source>Gagal menulis ke basis data (rinciannya di berkas log)</source>
        <translation>Could not write to the database (the details are in the log file)</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="43"/>
        <source>Basis data tidak dapat dibuka: server tidak terjangkau atau berkasnya tidak ada (rinciannya di berkas log)</source>
        <translation>The database cannot be opened: the server cannot be reached or the file does not exist (the details are in the log file)</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="37"/>
        <source>NIP {value} sudah terdaftar pada acara ini</source>
        <translation>NIP {value} is already on this event&apos;s roster</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="38"/>
        <source>NIK {value} sudah terdaftar pada acara ini</source>
        <translation>NIK {value} is already on this event&apos;s roster</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="39"/>
        <source>Data tidak ditemukan ({detail})</source>
        <translation>Not found ({detail})</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="40"/>
        <source>{detail} sudah tercatat hadir atau menandatangani ikrar: datanya tidak dapat dihapus dari acara ini (bila datanya salah, ubahlah)</source>
        <translation>{detail} has checked in or signed the pledge: they cannot be removed from this event (if their details are wrong, edit them)</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="46"/>
        <source>Berkas basis data {detail} tidak ada; tidak ada yang dibuat. Periksa jalurnya, atau pakai --create untuk membuat basis data baru di sana</source>
        <translation>The database file {detail} does not exist; nothing was created. Check the path, or use --create to make a new database there</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="49"/>
        <source>Berkas {detail} kosong (0 byte), bukan basis data Ikrar; berkas tidak diubah. Pakai --create untuk menyiapkannya sebagai basis data baru</source>
        <translation>The file {detail} is empty (0 bytes), not an Ikrar database; it was not changed. Use --create to set it up as a new database</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="52"/>
        <source>Folder {detail} tidak dapat ditulis: SQLite perlu menulis berkas pendamping (-wal, -shm) di samping basis data, juga untuk membaca. Salin berkas ke folder yang dapat ditulis</source>
        <translation>The folder {detail} cannot be written: SQLite needs to write its companion files (-wal, -shm) beside the database, for reading too. Copy the file to a folder that can be written</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="56"/>
        <source>Penyimpanan penuh: basis data tidak dapat dibuka atau dibaca (tidak ada data yang berubah). Kosongkan ruang disk lalu coba lagi</source>
        <translation>The disk is full: the database cannot be opened or read (no data was changed). Free some disk space and try again</translation>
    </message>
    <message>
        <location filename="../../events/db_errors.py" line="59"/>
        <source>Basis data dibuat oleh versi Ikrar yang lebih baru ({detail}); perbarui aplikasi</source>
        <translation>The database was made by a newer version of Ikrar ({detail}); update the app</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="34"/>
        <source>Sudah hadir {detail}</source>
        <translation>Already checked in {detail}</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="35"/>
        <source>Belum tercatat hadir (atau kehadirannya sudah dibatalkan): {detail}</source>
        <translation>Not checked in (or the check-in was undone): {detail}</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="37"/>
        <source>Alasan pembatalan wajib diisi</source>
        <translation>A reason for undoing the check-in is required</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="38"/>
        <source>Peserta tidak ditemukan: {detail}</source>
        <translation>Attendee not found: {detail}</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="40"/>
        <source>Undangan ini untuk acara lain ({detail})</source>
        <translation>This invitation is for another event ({detail})</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="41"/>
        <source>Data kehadiran tidak ditemukan ({detail})</source>
        <translation>Check-in record not found ({detail})</translation>
    </message>
    <message>
        <location filename="../../events/checkin_records.py" line="42"/>
        <source>Sambungan ke server putus saat menyimpan; belum pasti tercatat. Meja akan menampilkannya begitu server terjangkau lagi ({detail})</source>
        <translation>The connection to the server broke while saving; it is not yet certain it was recorded. The desk will show it as soon as the server is reachable again ({detail})</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="28"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="29"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="30"/>
        <source>Gelar depan</source>
        <translation>Title before name</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="31"/>
        <source>Gelar belakang</source>
        <translation>Title after name</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="32"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="33"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="34"/>
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="35"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="36"/>
        <source>Eselon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="37"/>
        <source>Unit Kerja/OPD</source>
        <translation>Work unit/OPD</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="38"/>
        <source>Instansi (tamu)</source>
        <translation>Institution (guests)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="39"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="40"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="41"/>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="83"/>
        <source>Nama kosong; baris tidak diimpor</source>
        <translation>No name; the row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="84"/>
        <source>Nama berisi deretan angka seperti NIP, NIK atau nomor HP; angka itu tidak dicetak di daftar publik dan undangan. Pindahkan ke kolomnya</source>
        <translation>The name holds a run of digits like a NIP, NIK or phone number; it is not printed on the public list or the invitations. Move it to its own column</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="87"/>
        <source>Nama tidak berisi huruf ({value}); periksa kolom Nama</source>
        <translation>The name has no letters ({value}); check the Name column</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="89"/>
        <source>NIP {nip} sudah tercantum di {first} ({name}); baris ini tidak diimpor</source>
        <translation>NIP {nip} already appears in {first} ({name}); this row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="91"/>
        <source>NIP {nip} sudah terdaftar di acara ini; baris ini tidak diimpor</source>
        <translation>NIP {nip} is already on this event&apos;s roster; this row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="93"/>
        <source>NIK sudah tercantum di {first} ({name}); baris ini tidak diimpor</source>
        <translation>The NIK already appears in {first} ({name}); this row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="95"/>
        <source>NIK sudah terdaftar di acara ini; baris ini tidak diimpor</source>
        <translation>The NIK is already on this event&apos;s roster; this row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="97"/>
        <source>Nama yang sama tanpa NIP/NIK sudah ada di {first}; periksa apakah orang yang sama</source>
        <translation>The same name without a NIP/NIK already appears in {first}; check whether it is the same person</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="100"/>
        <source>Nama yang sama tanpa NIP/NIK sudah terdaftar di acara ini ({place}); baris ini tidak diimpor</source>
        <translation>The same name without a NIP/NIK is already registered for this event ({place}); this row is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="103"/>
        <source>File yang sama persis ({file}) sudah diimpor ke acara ini pada {at}; orang yang sudah terdaftar tidak diimpor lagi</source>
        <translation>This very file ({file}) was already imported into this event on {at}; people already registered are not imported again</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="106"/>
        <source>NIP kosong untuk kategori {label}; lengkapi di meja registrasi</source>
        <translation>No NIP for category {label}; fill it in at the registration desk</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="108"/>
        <source>Kolom NIP dan NIK berisi NIK yang berbeda; dipakai {value}</source>
        <translation>The NIP and NIK columns hold different NIKs; {value} is used</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="110"/>
        <source>Isi kolom {column_label} &quot;{value}&quot; tidak dikenali; kategori ditentukan dari data lain</source>
        <translation>The {column_label} value &quot;{value}&quot; is not recognised; the category is taken from the other data</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="113"/>
        <source>Kategori ditebak sebagai {label}: {reason}</source>
        <translation>Category guessed as {label}: {reason}</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="114"/>
        <source>Lebih dari satu nomor HP; yang dipakai {value}</source>
        <translation>More than one phone number; {value} is used</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="115"/>
        <source>Pembacaan berhenti di baris ini (&quot;{value}&quot;); {count} baris berisi nama di bawahnya tidak dibaca (pertama baris {first})</source>
        <translation>Reading stopped at this row (&quot;{value}&quot;); {count} rows with names below it were not read (the first is row {first})</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="118"/>
        <source>Lembar dilewati: tidak ada baris judul kolom dengan kolom Nama di 30 baris pertama</source>
        <translation>Sheet skipped: no header row with a Name column in the first 30 rows</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="121"/>
        <source>Kolom Nama belum dipilih; lembar ini tidak diimpor</source>
        <translation>No Name column chosen; this sheet is not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="123"/>
        <source>Karakter kendali, tak terlihat atau lebar penuh dihapus atau diganti ({value}); periksa hasilnya</source>
        <translation>Control, invisible or full-width characters removed or replaced ({value}); check the result</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="126"/>
        <source>Berisi huruf yang tidak dapat dicetak dengan benar pada sertifikat dan dokumen ({value}); tulis dengan huruf Latin. Baris tidak diimpor</source>
        <translation>Contains letters certificates and documents cannot print correctly ({value}); write it in Latin letters. Row not imported</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="131"/>
        <source>File tidak ditemukan: {path}</source>
        <translation>File not found: {path}</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="132"/>
        <source>File tidak dapat dibaca (rusak atau terkunci): {path}</source>
        <translation>The file cannot be read (damaged or locked): {path}</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="134"/>
        <source>Format file tidak didukung: {path}. Simpan sebagai .xlsx atau .csv</source>
        <translation>Unsupported file format: {path}. Save it as .xlsx or .csv</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="136"/>
        <source>File kosong: {path}</source>
        <translation>The file is empty: {path}</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="137"/>
        <source>Tidak ditemukan baris judul kolom (mis. No, Nama, NIP, Jabatan) di lembar mana pun: {path}</source>
        <translation>No header row (e.g. No, Nama, NIP, Jabatan) was found on any sheet: {path}</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="140"/>
        <source>File {path} melebihi batas sebuah daftar undangan: {detail}. Periksa apakah file yang dipilih benar; daftar sebesar itu dapat dibagi menjadi beberapa file</source>
        <translation>The file {path} is beyond the limits of an invitation roster: {detail}. Check that the right file was chosen; a roster that large can be split into several files</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="146"/>
        <source>{path} adalah file Excel lama (.xls) atau terkunci kata sandi; buka di Excel lalu simpan sebagai .xlsx (tanpa kata sandi) atau .csv</source>
        <translation>{path} is an old Excel file (.xls) or is password-protected; open it in Excel and save it as .xlsx (without a password) or .csv</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="149"/>
        <source>{path} sebenarnya halaman web (HTML) yang diberi nama Excel; buka di Excel lalu simpan sebagai .xlsx</source>
        <translation>{path} is really a web page (HTML) with an Excel file name; open it in Excel and save it as .xlsx</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="152"/>
        <source>{path} adalah file OpenDocument (.ods); simpan sebagai .xlsx atau .csv</source>
        <translation>{path} is an OpenDocument file (.ods); save it as .xlsx or .csv</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="154"/>
        <source>File tidak dapat dibaca: {path} dipadatkan dengan cara yang tidak dikenal atau dikunci kata sandi; buka di Excel lalu simpan ulang sebagai .xlsx</source>
        <translation>The file cannot be read: {path} is compressed in an unknown way or password-protected; open it in Excel and save it again as .xlsx</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="160"/>
        <source>lembar {sheet} berisi baris {value} (paling banyak {limit} baris)</source>
        <translation>sheet {sheet} has row {value} (at most {limit} rows)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="162"/>
        <source>lembar {sheet} berisi kolom {value} (paling banyak {limit} kolom)</source>
        <translation>sheet {sheet} has column {value} (at most {limit} columns)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="164"/>
        <source>lebih dari {limit} teks berbeda dalam buku kerja</source>
        <translation>more than {limit} different texts in the workbook</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="166"/>
        <source>bagian {part} berukuran {value} MB setelah dibuka (paling banyak {limit} MB)</source>
        <translation>part {part} is {value} MB unpacked (at most {limit} MB)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="168"/>
        <source>bagian {part} dipadatkan {value}:1 (paling banyak {limit}:1)</source>
        <translation>part {part} is compressed {value}:1 (at most {limit}:1)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="170"/>
        <source>isinya {value} MB setelah dibuka (paling banyak {limit} MB)</source>
        <translation>its contents are {value} MB unpacked (at most {limit} MB)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="172"/>
        <source>file berukuran {value} MB (paling banyak {limit} MB)</source>
        <translation>the file is {value} MB (at most {limit} MB)</translation>
    </message>
    <message>
        <location filename="../../events/roster_import/problems.py" line="174"/>
        <source>satu sel di baris {value} lebih panjang dari {limit} KB</source>
        <translation>a cell in row {value} is longer than {limit} KB</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="63"/>
        <source>Jejak audit utuh: {detail} entri, tidak ada yang diubah, disisipkan atau dihapus</source>
        <translation>Audit trail intact: {detail} entries, none changed, inserted or removed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="65"/>
        <source>Acara ini tidak memiliki jejak audit</source>
        <translation>This event has no audit trail</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="66"/>
        <source>Entri ke-{seq} jejak audit telah diubah</source>
        <translation>Audit trail entry {seq} was changed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="67"/>
        <source>Entri ke-{seq} jejak audit disisipkan di luar aplikasi</source>
        <translation>Audit trail entry {seq} was inserted outside the app</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="69"/>
        <source>Entri ke-{seq} jejak audit telah dihapus</source>
        <translation>Audit trail entry {seq} was removed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="70"/>
        <source>Urutan entri jejak audit diubah mulai entri ke-{seq}</source>
        <translation>The order of the audit trail was changed from entry {seq}</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="71"/>
        <source>Kode kepala jejak audit {detail} (dari Berita Acara) tidak ada lagi di jejak ini: entri telah dihapus atau ditulis ulang</source>
        <translation>The audit trail head code {detail} (from the official report, Berita Acara) is no longer in this trail: entries were removed or rewritten</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="74"/>
        <source>Data acara tidak sesuai dengan jejak audit: {detail}</source>
        <translation>The event&apos;s records do not match the audit trail: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="75"/>
        <source>Data yang tercatat di jejak audit tidak ada lagi: {detail}</source>
        <translation>Records in the audit trail are no longer in the database: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="77"/>
        <source>Entri ke-{seq} jejak audit adalah titik tanda tangan kunci segel yang tidak sah lagi: jejak sebelum entri ini telah ditulis ulang</source>
        <translation>Audit trail entry {seq} is a seal key checkpoint that no longer holds: the trail before this entry was rewritten</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="80"/>
        <source>Jejak audit acara bersegel ini tidak memuat satu pun tanda tangan kunci segel: jejak telah ditulis ulang</source>
        <translation>The audit trail of this sealed event holds no seal key checkpoint at all: the trail was rewritten</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="86"/>
        <source>Jejak audit dimulai</source>
        <translation>Audit trail started</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="87"/>
        <source>Acara dibuat</source>
        <translation>Event created</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="88"/>
        <source>Data acara diubah</source>
        <translation>Event details changed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="89"/>
        <source>Acara diarsipkan</source>
        <translation>Event archived</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="90"/>
        <source>Acara dikembalikan dari arsip</source>
        <translation>Event restored from the archive</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="91"/>
        <source>Peserta ditambahkan</source>
        <translation>Attendees added</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="92"/>
        <source>Daftar undangan diimpor</source>
        <translation>Invitation roster imported</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="93"/>
        <source>Data peserta diubah</source>
        <translation>Attendee details changed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="94"/>
        <source>Peserta dihapus</source>
        <translation>Attendee removed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="95"/>
        <source>Hadir</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="96"/>
        <source>Tamu tanpa undangan didaftarkan dan hadir</source>
        <translation>Walk-in registered and checked in</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="97"/>
        <source>Kehadiran dibatalkan</source>
        <translation>Check-in undone</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="98"/>
        <source>Kehadiran luring tidak dipakai (sudah hadir lebih dulu)</source>
        <translation>Offline check-in not used (checked in earlier)</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="100"/>
        <source>Kehadiran luring dikirim ke server</source>
        <translation>Offline check-ins sent to the server</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="101"/>
        <source>Teks ikrar dipilih</source>
        <translation>Pledge text chosen</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="102"/>
        <source>Tanda tangan</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="103"/>
        <source>Tanda tangan disegel</source>
        <translation>Signature sealed</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="104"/>
        <source>Dokumen dibuat</source>
        <translation>Document made</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="105"/>
        <source>Kunci segel dibuat</source>
        <translation>Seal key made</translation>
    </message>
    <message>
        <location filename="../../pledges/audit.py" line="106"/>
        <source>Kepala jejak ditandatangani kunci segel</source>
        <translation>Trail head signed with the seal key</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="74"/>
        <source>Belum ada kunci segel; buat kunci segel dulu</source>
        <translation>No seal key yet; make one first</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="75"/>
        <source>Kata sandi kunci segel salah</source>
        <translation>Wrong seal key passphrase</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="76"/>
        <source>Kunci segel tersimpan rusak dan tidak dapat dibuka ({detail})</source>
        <translation>The stored seal key is damaged and cannot be opened ({detail})</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="78"/>
        <source>Kata sandi kunci segel minimal {detail} karakter</source>
        <translation>The seal key passphrase needs at least {detail} characters</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="80"/>
        <source>Kedua kata sandi tidak sama</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="81"/>
        <source>Berkas ini bukan kunci publik Ikrar (Ed25519): {detail}</source>
        <translation>This file is not an Ikrar public key (Ed25519): {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="83"/>
        <source>Berkas kunci tidak dapat dibaca: {detail}</source>
        <translation>The key file cannot be read: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/keys.py" line="84"/>
        <source>Kunci {detail} hanya kunci publik: tidak dapat menyegel</source>
        <translation>Key {detail} is only a public key: it cannot seal</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="62"/>
        <source>Kunci segel {detail} belum memiliki sertifikat X.509; buat kunci segel baru atau gunakan berkas sertifikat .p12</source>
        <translation>Seal key {detail} has no X.509 certificate; make a new seal key or use a .p12 certificate file</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="65"/>
        <source>Sertifikat tidak cocok dengan kunci penanda tangan</source>
        <translation>The certificate does not match the signing key</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="67"/>
        <source>Berkas sertifikat tidak dapat dibaca: {detail}</source>
        <translation>The certificate file cannot be read: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="68"/>
        <source>Berkas ini bukan berkas sertifikat PKCS#12 (.p12/.pfx)</source>
        <translation>This file is not a PKCS#12 certificate file (.p12/.pfx)</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="70"/>
        <source>Kata sandi berkas sertifikat .p12 salah</source>
        <translation>Wrong password for the .p12 certificate file</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="71"/>
        <source>Berkas .p12 memakai enkripsi yang tidak didukung: {detail}</source>
        <translation>The .p12 file uses unsupported encryption: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="73"/>
        <source>Berkas .p12 tidak berisi kunci privat; gunakan berkas yang berisi kunci privat dan sertifikatnya</source>
        <translation>The .p12 file holds no private key; use a file that holds the private key and its certificate</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="75"/>
        <source>Berkas .p12 tidak berisi sertifikat untuk kuncinya</source>
        <translation>The .p12 file holds no certificate for its key</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="77"/>
        <source>Kunci ini tidak dapat dipakai untuk menandatangani PDF: {detail}</source>
        <translation>This key cannot be used to sign PDFs: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="79"/>
        <source>Sertifikat ini tidak diizinkan untuk tanda tangan digital (key usage)</source>
        <translation>This certificate is not allowed for digital signatures (key usage)</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="81"/>
        <source>Sertifikat {detail}</source>
        <translation>Certificate {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/pades.py" line="82"/>
        <source>PDF tidak dapat ditandatangani: {detail}</source>
        <translation>The PDF cannot be signed: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/signatures.py" line="61"/>
        <source>Acara ini belum memiliki teks ikrar; pilih teks ikrar dulu sebelum penandatanganan</source>
        <translation>This event has no pledge text yet; choose one before signing</translation>
    </message>
    <message>
        <location filename="../../pledges/signatures.py" line="63"/>
        <source>Teks ikrar acara ini baru saja diganti; tampilkan teks yang baru dan minta tanda tangan ulang</source>
        <translation>This event&apos;s pledge text was just changed; show the new text and ask for the signature again</translation>
    </message>
    <message>
        <location filename="../../pledges/signatures.py" line="65"/>
        <source>Peserta tidak ditemukan pada acara ini: {detail}</source>
        <translation>Attendee not found in this event: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/signatures.py" line="67"/>
        <source>Ukuran bidang tanda tangan tidak sah</source>
        <translation>Invalid size of the signature area</translation>
    </message>
    <message>
        <location filename="../../pledges/strokes.py" line="59"/>
        <source>Kotak tanda tangan masih kosong. Silakan bubuhkan tanda tangan Anda.</source>
        <translation>The signature box is still empty. Please sign in it.</translation>
    </message>
    <message>
        <location filename="../../pledges/strokes.py" line="61"/>
        <source>Tanda tangan terlalu kecil, hanya berupa titik. Silakan tanda tangan seperti biasa.</source>
        <translation>The signature is too small, just a dot. Please sign as you usually do.</translation>
    </message>
    <message>
        <location filename="../../pledges/strokes.py" line="63"/>
        <source>Tanda tangan terlihat seperti garis lurus saja. Silakan tanda tangan seperti biasa.</source>
        <translation>The signature looks like just a straight line. Please sign as you usually do.</translation>
    </message>
    <message>
        <location filename="../../pledges/texts.py" line="59"/>
        <source>Teks ikrar harus memiliki judul dan sedikitnya satu butir</source>
        <translation>A pledge text needs a title and at least one item</translation>
    </message>
    <message>
        <location filename="../../pledges/texts.py" line="61"/>
        <source>Templat ikrar tidak dikenal: {detail}</source>
        <translation>Unknown pledge template: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/texts.py" line="62"/>
        <source>Teks ikrar versi {detail} di basis data tidak cocok dengan hash-nya (diubah di luar aplikasi)</source>
        <translation>Pledge text version {detail} in the database does not match its hash (changed outside the app)</translation>
    </message>
    <message>
        <location filename="../../pledges/texts.py" line="146"/>
        <source>Ikrar Netralitas Pegawai ASN (Pemilu dan Pemilihan 2024)</source>
        <translation>Civil Servant Neutrality Pledge (2024 elections)</translation>
    </message>
    <message>
        <location filename="../../pledges/texts.py" line="148"/>
        <source>Pakta Integritas (PermenPANRB 49/2011)</source>
        <translation>Integrity Pact (PermenPANRB 49/2011)</translation>
    </message>
    <message>
        <location filename="../../pledges/transfer.py" line="45"/>
        <source>Acara &quot;{detail}&quot; sudah ada di basis data tujuan (#{value}); tidak ada yang disalin. Salinan di tujuan tidak memuat catatan yang tidak ada di asal: --replace memperbaruinya (salinan tujuan dicadangkan dulu)</source>
        <translation>The event &quot;{detail}&quot; is already in the target database (#{value}); nothing was copied. The target&apos;s copy holds no record the source lacks: --replace updates it (the target&apos;s copy is backed up first)</translation>
    </message>
    <message>
        <location filename="../../pledges/transfer.py" line="49"/>
        <source>Acara &quot;{detail}&quot; di basis data tujuan (#{value}) memuat catatan yang tidak ada di asal: {checkins} kehadiran, {undos} pembatalan, {signatures} tanda tangan, {entries} entri jejak audit seluruhnya. Tidak ada yang disalin. Agar tidak hilang, salin dulu acara dari tujuan ke sini (arah sebaliknya); --replace membuang catatan itu dari tujuan (setelah salinan tujuan dicadangkan)</source>
        <translation>The event &quot;{detail}&quot; in the target database (#{value}) holds records the source lacks: {checkins} check-ins, {undos} undos, {signatures} signatures, {entries} audit trail entries in all. Nothing was copied. So that they are not lost, first copy the event from the target to here (the other way); --replace discards those records from the target (after the target&apos;s copy is backed up)</translation>
    </message>
    <message>
        <location filename="../../pledges/transfer.py" line="55"/>
        <source>Acara &quot;{detail}&quot; di basis data tujuan berubah saat dicadangkan; tidak ada yang disalin. Coba lagi</source>
        <translation>The event &quot;{detail}&quot; changed in the target database while it was being backed up; nothing was copied. Try again</translation>
    </message>
    <message>
        <location filename="../../pledges/transfer.py" line="57"/>
        <source>Basis data asal dan tujuan sama: {detail}</source>
        <translation>The source and target databases are the same: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/transfer.py" line="58"/>
        <source>Basis data tujuan belum memiliki tabel {detail}; perbarui Ikrar di sana</source>
        <translation>The target database does not have the table {detail} yet; update Ikrar there</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="70"/>
        <source>ASLI: {name} menandatangani ikrar pada acara &quot;{event}&quot;, {time}</source>
        <translation>AUTHENTIC: {name} signed the pledge at the event &quot;{event}&quot;, {time}</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="72"/>
        <source>DIUBAH: {field} tidak sesuai dengan segel</source>
        <translation>ALTERED: the {field} does not match the seal</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="73"/>
        <source>KUNCI TIDAK DIKENAL: sertifikat ini disegel dengan kunci {key}; gunakan kunci publik penyelenggara untuk memeriksanya</source>
        <translation>UNKNOWN KEY: this certificate was sealed with key {key}; use the organizer&apos;s public key to check it</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="76"/>
        <source>TIDAK TERBACA: {detail}</source>
        <translation>UNREADABLE: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="77"/>
        <source>TIDAK TERBUKTI: segel kode QR sah ({name}, acara &quot;{event}&quot;), tetapi {detail}; isi halaman tidak dapat dibuktikan, bandingkan dengan isi segel</source>
        <translation>NOT PROVEN: the QR code seal is valid ({name}, event &quot;{event}&quot;), but {detail}; the page content cannot be proven, compare it with the seal</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="83"/>
        <source>berkas PDF ini tidak bertanda tangan digital</source>
        <translation>this PDF file has no digital signature</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="85"/>
        <source>tanda tangan digital berkas ini bukan dari kunci segel yang dikenal</source>
        <translation>the digital signature of this file is not from a known seal key</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="101"/>
        <source>DIUBAH: berkas ini diubah setelah ditandatangani secara digital (tanda tangan digitalnya tidak cocok lagi dengan isinya)</source>
        <translation>ALTERED: this file was changed after it was digitally signed (its digital signature no longer matches its content)</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="104"/>
        <source>DIUBAH: ada isi yang ditambahkan ke berkas ini setelah tanda tangan digitalnya</source>
        <translation>ALTERED: content was added to this file after its digital signature</translation>
    </message>
    <message>
        <location filename="../../pledges/verify.py" line="106"/>
        <source>DIUBAH: halaman ini berbeda dari yang ditandatangani secara digital</source>
        <translation>ALTERED: this page differs from the digitally signed one</translation>
    </message>
    <message>
        <location filename="../../events/offline.py" line="54"/>
        <source>Digantikan kehadiran lebih awal pukul {time} di {desk} (dicatat saat server tidak terjangkau)</source>
        <translation>Replaced by an earlier check-in at {time} at {desk} (made while the server could not be reached)</translation>
    </message>
    <message>
        <location filename="../../pledges/backup.py" line="34"/>
        <source>Cadangan {detail} tidak lolos pemeriksaan ({value}); berkas itu dihapus. Coba lagi, atau pilih folder atau media lain</source>
        <translation>The backup {detail} failed its check ({value}); that file was deleted. Try again, or choose another folder or medium</translation>
    </message>
    <message>
        <location filename="../../pledges/backup.py" line="37"/>
        <source>{detail} bukan cadangan Ikrar yang utuh ({value}); tidak ada yang dipulihkan</source>
        <translation>{detail} is not a sound Ikrar backup ({value}); nothing was restored</translation>
    </message>
    <message>
        <location filename="../../pledges/backup.py" line="39"/>
        <source>Pemulihan langsung hanya ke berkas SQLite. Untuk server PostgreSQL, ambil acaranya dari cadangan: event push ACARA --to SERVER dengan --db {detail}</source>
        <translation>A restore writes to SQLite files only. For a PostgreSQL server, copy the events from the backup: event push EVENT --to SERVER with --db {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/backup.py" line="42"/>
        <source>Cadangan tidak boleh ditulis ke berkas basis data itu sendiri: {detail}</source>
        <translation>A backup cannot be written over the database file itself: {detail}</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="61"/>
        <source>Tautan tanda tangan ini tidak dikenal. Mintalah tautan baru di meja registrasi.</source>
        <translation>This signing link is not known. Ask for a new link at the registration desk.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="63"/>
        <source>Tautan ini sudah diganti dengan tautan yang lebih baru. Pakai tautan terakhir yang Anda terima.</source>
        <translation>This link was replaced by a newer one. Use the last link you received.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="65"/>
        <source>Tautan ini sudah dipakai untuk menandatangani. Untuk menandatangani ulang, silakan ke meja registrasi.</source>
        <translation>This link has already been used to sign. To sign again, please go to the registration desk.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="67"/>
        <source>Acara ini sudah ditutup; tautan tidak berlaku lagi.</source>
        <translation>This event is closed; the link is no longer valid.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="68"/>
        <source>Anda sudah menandatangani ikrar ini. Untuk menandatangani ulang, silakan ke meja registrasi.</source>
        <translation>You have already signed this pledge. To sign again, please go to the registration desk.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="70"/>
        <source>Pemberitahuan data pribadi telah berubah; muat ulang halaman ini.</source>
        <translation>The personal data notice has changed; reload this page.</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/links.py" line="72"/>
        <source>Permintaan tidak sah (kunci kiriman).</source>
        <translation>Invalid request (send key).</translation>
    </message>
    <message>
        <location filename="../../pledges/phone/service.py" line="407"/>
        <source>Terlalu banyak percobaan dari perangkat ini. Tunggu satu menit, lalu coba lagi.</source>
        <translation>Too many attempts from this device. Wait a minute, then try again.</translation>
    </message>
</context>
<context>
    <name>UndoReasonDialog</name>
    <message>
        <location filename="../../ui/desk_page.py" line="88"/>
        <source>Batalkan Kehadiran</source>
        <translation>Undo Check-in</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="91"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="91"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="93"/>
        <source>Alasan membatalkan kehadiran {0}:</source>
        <translation>Reason for undoing the check-in of {0}:</translation>
    </message>
    <message>
        <location filename="../../ui/desk_page.py" line="101"/>
        <source>Alasan pembatalan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ui/verify_dialog.py" line="47"/>
        <source>Periksa Keaslian Surat Pernyataan</source>
        <translation>Verify a Signed Statement</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="51"/>
        <source>Buka berkas surat pernyataan atau pakta integritas (PDF) atau foto/pindaiannya, atau tempel teks dari kode QR-nya. Pemeriksaan tidak memerlukan internet.</source>
        <translation>Open a signed statement or integrity pact (PDF) or a photo/scan of one, or paste the text of its QR code. No internet is needed.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="54"/>
        <source>Buka Berkas…</source>
        <translation>Open File…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="60"/>
        <source>Periksa Teks</source>
        <translation>Check Text</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="62"/>
        <source>Kunci Publik…</source>
        <translation>Public Key…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="64"/>
        <source>Periksa dengan berkas kunci publik penyelenggara (bawaan: kunci yang dikenal di sini)</source>
        <translation>Check with the organizer&apos;s public key file (default: the keys known here)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="67"/>
        <source>Pindai dengan Kamera</source>
        <translation>Scan with Camera</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="95"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="128"/>
        <source>Kunci Publik Penyelenggara</source>
        <translation>Organizer&apos;s Public Key</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="129"/>
        <source>Kunci publik (*.pem);;Semua berkas (*)</source>
        <translation>Public key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="141"/>
        <source>Kunci {0}</source>
        <translation>Key {0}</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="146"/>
        <source>Buka Surat Pernyataan</source>
        <translation>Open Signed Statement</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="147"/>
        <source>Surat pernyataan (*.pdf *.png *.jpg *.jpeg);;Semua berkas (*)</source>
        <translation>Signed statements (*.pdf *.png *.jpg *.jpeg);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="166"/>
        <source>Arahkan kode QR surat pernyataan ke kamera.</source>
        <translation>Hold the signed statement&apos;s QR code to the camera.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="194"/>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="217"/>
        <source>Pemeriksaan gagal: {0}</source>
        <translation>The check failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="224"/>
        <source>✔ ASLI</source>
        <translation>✔ AUTHENTIC</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="226"/>
        <source>✖ DIUBAH: berkas ini diubah setelah ditandatangani secara digital</source>
        <translation>✖ ALTERED: this file was changed after it was digitally signed</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="229"/>
        <source>✖ DIUBAH: ada isi yang ditambahkan ke berkas setelah tanda tangan digitalnya</source>
        <translation>✖ ALTERED: content was added to the file after its digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="232"/>
        <source>✖ DIUBAH: halaman ini berbeda dari yang ditandatangani secara digital</source>
        <translation>✖ ALTERED: this page differs from the digitally signed one</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="236"/>
        <source>! TIDAK TERBUKTI: berkas tanpa tanda tangan digital penyelenggara</source>
        <translation>! NOT PROVEN: the file has no digital signature of the organizer</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="238"/>
        <source>! TIDAK TERBUKTI: tanda tangan digital berkas bukan dari penyelenggara</source>
        <translation>! NOT PROVEN: the file&apos;s digital signature is not the organizer&apos;s</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="241"/>
        <source>✖ DIUBAH: {0} tidak sesuai dengan segel</source>
        <translation>✖ ALTERED: the {0} does not match the seal</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="244"/>
        <source>? KUNCI TIDAK DIKENAL</source>
        <translation>? UNKNOWN KEY</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="245"/>
        <source>? TIDAK TERBACA: {0}</source>
        <translation>? UNREADABLE: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="249"/>
        <source>nama</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="249"/>
        <location filename="../../ui/verify_dialog.py" line="335"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="250"/>
        <source>teks ikrar</source>
        <translation>pledge text</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="251"/>
        <source>versi teks ikrar</source>
        <translation>pledge text version</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="251"/>
        <source>tanda tangan</source>
        <translation>signature</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="252"/>
        <source>nama acara</source>
        <translation>event name</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="252"/>
        <source>tanggal acara</source>
        <translation>event date</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="253"/>
        <source>kode acara</source>
        <translation>event code</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="253"/>
        <source>kode peserta</source>
        <translation>attendee code</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="254"/>
        <source>kategori</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="254"/>
        <source>waktu tanda tangan</source>
        <translation>signing time</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="255"/>
        <source>meja</source>
        <translation>desk</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="255"/>
        <source>petugas</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="256"/>
        <source>kunci segel</source>
        <translation>seal key</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="256"/>
        <source>isi segel</source>
        <translation>sealed record</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="257"/>
        <source>nomor surat</source>
        <translation>document number</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="263"/>
        <source>tidak ditemukan kode QR</source>
        <translation>no QR code found</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="264"/>
        <source>kode QR ini bukan segel Ikrar</source>
        <translation>this QR code is not an Ikrar seal</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="265"/>
        <source>segel pada kode QR rusak</source>
        <translation>the seal in the QR code is damaged</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="266"/>
        <source>berkas tidak dapat dibuka</source>
        <translation>the file cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="267"/>
        <source>berkas bukan PDF atau gambar yang dapat dibaca</source>
        <translation>the file is not a readable PDF or image</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="268"/>
        <source>kode verifikasi ini tidak ada di basis data ini</source>
        <translation>this verification code is not in this database</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="285"/>
        <source>({0} dari {1} halaman asli)</source>
        <translation>({0} of {1} pages authentic)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="307"/>
        <source>Tanda tangan yang disegel, digambar dari data penyelenggara: bandingkan dengan tanda tangan pada kertas.</source>
        <translation>The sealed signature, drawn from the organizer&apos;s data: compare it with the signature on paper.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="322"/>
        <source>Halaman {0}: {1}</source>
        <translation>Page {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="330"/>
        <source>Kop surat</source>
        <translation>Letterhead</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="332"/>
        <source>Judul ikrar</source>
        <translation>Pledge title</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="333"/>
        <source>Nomor surat</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="334"/>
        <location filename="../../ui/verify_dialog.py" line="351"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="336"/>
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="337"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="338"/>
        <source>Unit Kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="339"/>
        <location filename="../../ui/verify_dialog.py" line="351"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="339"/>
        <source>Saksi</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="341"/>
        <source>Tempat, tanggal</source>
        <translation>Place, date</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="342"/>
        <source>Menyaksikan</source>
        <translation>Witnessed by</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="345"/>
        <location filename="../../ui/verify_dialog.py" line="351"/>
        <source>Acara</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="346"/>
        <location filename="../../ui/verify_dialog.py" line="352"/>
        <source>Waktu tanda tangan</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="353"/>
        <source>Meja / petugas</source>
        <translation>Desk / operator</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="362"/>
        <source>Berkas ini utuh seperti yang ditandatangani penyelenggara: tidak ada yang diubah, ditambahkan atau dihapus di halaman mana pun.</source>
        <translation>This file is intact as the organizer signed it: nothing was changed, added or removed on any page.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="366"/>
        <source>Hanya kode QR yang diperiksa; cocokkan setiap isian yang tercetak dengan isi segel di atas.</source>
        <translation>Only the QR code was checked; compare every printed field with the seal content above.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="370"/>
        <source>Tercetak tetapi tidak tertulis di segel: teks ikrar dan gambar tanda tangan (segel memuat sidik SHA-256 keduanya, yang cocok dengan data penyelenggara), serta catatan tetap di kaki halaman.</source>
        <translation>Printed but not written out in the seal: the pledge text and the drawn signature (the seal holds the SHA-256 digest of both, which matches the organizer&apos;s data), and the fixed notes at the foot of the page.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="347"/>
        <location filename="../../ui/verify_dialog.py" line="352"/>
        <source>Kunci segel</source>
        <translation>Seal key</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="58"/>
        <source>Teks kode QR (IK1:…) atau kode verifikasi (ABCDE-FGHIJ)</source>
        <translation>QR code text (IK1:…) or verification code (ABCDE-FGHIJ)</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="159"/>
        <source>Kamera tidak tersedia di komputer ini; buka berkas surat pernyataan (PDF atau foto) atau ketik kode verifikasi yang tertulis di bawah kode QR-nya.</source>
        <translation>No camera is available on this computer; open the signed statement file (PDF or photo) or type the verification code printed under its QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="357"/>
        <source>Kode verifikasi</source>
        <translation>Verification code</translation>
    </message>
    <message>
        <location filename="../../ui/verify_dialog.py" line="375"/>
        <source>Kunci ini tidak dikenal di sini. Mintalah berkas kunci publik penyelenggara, lalu tekan “Kunci Publik…”.</source>
        <translation>This key is not known here. Ask the organizer for their public key file, then press “Public Key…”.</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="48"/>
        <source>Peserta Tanpa Undangan</source>
        <translation>Walk-in Attendee</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="52"/>
        <source>Nama lengkap dengan gelar</source>
        <translation>Full name with titles</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="58"/>
        <source>NIP (ASN) atau NIK (lainnya)</source>
        <translation>NIP (civil servants) or NIK (others)</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="60"/>
        <source>Unit kerja, atau instansi untuk tamu</source>
        <translation>Work unit, or institution for guests</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="63"/>
        <source>opsional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="68"/>
        <source>Nama *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="69"/>
        <source>Kategori *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="70"/>
        <source>NIP/NIK</source>
        <translation>NIP/NIK</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="71"/>
        <source>Unit Kerja/Instansi</source>
        <translation>Work unit/Institution</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="72"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="73"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="76"/>
        <source>&lt;b&gt;Mungkin sudah terdaftar?&lt;/b&gt; Pilih orangnya untuk mencatat kehadirannya, atau tekan “Tetap Daftarkan Baru”.</source>
        <translation>&lt;b&gt;Already on the roster?&lt;/b&gt; Choose the person to check them in, or press “Register as New”.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="81"/>
        <source>Ini Orangnya — Catat Hadir</source>
        <translation>This Is the Person — Check In</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="93"/>
        <source>Daftarkan dan Catat Hadir</source>
        <translation>Register and Check In</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="93"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="159"/>
        <source>NIP {0}</source>
        <translation>NIP {0}</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="168"/>
        <source>Tetap Daftarkan Baru</source>
        <translation>Register as New</translation>
    </message>
</context>
<context>
    <name>Witness</name>
    <message>
        <location filename="../../ui/witness_dialog.py" line="34"/>
        <source>Tanda tangan saksi: belum ada</source>
        <translation>Witness signature: none yet</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="38"/>
        <source>Tanda tangan saksi: sudah ada ({0})</source>
        <translation>Witness signature: present ({0})</translation>
    </message>
</context>
<context>
    <name>WitnessDialog</name>
    <message>
        <location filename="../../ui/witness_dialog.py" line="60"/>
        <source>Tanda Tangan Saksi (Menyaksikan)</source>
        <translation>Witness Signature (Menyaksikan)</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="63"/>
        <source>Menyaksikan,</source>
        <translation>Witnessed by,</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="65"/>
        <source>(jabatan pejabat belum diisi)</source>
        <translation>(the official&apos;s title is not filled in)</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="66"/>
        <source>(nama pejabat belum diisi)</source>
        <translation>(the official&apos;s name is not filled in)</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="71"/>
        <source>NIP {0}</source>
        <translation>NIP {0}</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="74"/>
        <source>Nama dan jabatan pejabat yang menyaksikan belum diisi. Isi dulu lewat “Ubah Acara” agar tercetak di surat pernyataan.</source>
        <translation>The witnessing official&apos;s name and title are not filled in. Fill them in under “Edit Event” so that they print on the signed statements.</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="89"/>
        <source>Ulangi</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="90"/>
        <source>Batalkan Goresan Terakhir</source>
        <translation>Undo Last Stroke</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="97"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="99"/>
        <source>Simpan Tanda Tangan Saksi</source>
        <translation>Save Witness Signature</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="132"/>
        <source>Belum ada tanda tangan saksi untuk acara ini. Silakan tanda tangan di bawah.</source>
        <translation>There is no witness signature for this event yet. Please sign below.</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="136"/>
        <source>Tanda tangan saksi sudah ada (pukul {0}, {1}). Tanda tangan baru akan menggantikannya; yang lama tetap tercatat.</source>
        <translation>A witness signature exists (at {0}, {1}). A new one replaces it; the earlier one stays recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/witness_dialog.py" line="174"/>
        <source>Tanda tangan saksi BELUM tersimpan: {0}</source>
        <translation>The witness signature was NOT saved: {0}</translation>
    </message>
</context>
<context>
    <name>_PreviewModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="384"/>
        <source>(abaikan)</source>
        <translation>(ignore)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="398"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
</context>
</TS>
