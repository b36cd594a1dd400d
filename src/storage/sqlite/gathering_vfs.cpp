#include "storage/sqlite/gathering_vfs.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include <sqlite3.h>

#include "common/assert.hpp"
#include "storage/sqlite/page_cache.hpp"

// Why: SQLite writes each WAL frame with two pwrite calls (its 24-byte header, then the page). On
// this project's machines a system call is dear, and the event writer commits every group of
// single events that way (ADR 0003, "one write per commit"). Gathering the frames of a commit in
// memory and writing them at once saves that without changing what reaches the file or when another
// connection can read it.
//
// Correctness rests on three points of SQLite's WAL (sqlite3WalFrames, walIndexWriteHdr):
// - The frames of a write transaction are written in order at increasing offsets; the commit
//   frame (a header with a non-zero database size) comes last. Its page write flushes the
//   buffer, inside the xWrite call, so a failure is the commit's failure as without the buffer.
// - Other connections find frames only through the WAL index header, which the writer publishes
//   after the commit frame is written (walIndexWriteHdr, behind xShmBarrier on the database
//   file). The database file's xShmBarrier and xShmLock flush the buffer too, as a safeguard.
// - The writer itself rereads frames (cache spill, checksum rewrites) through xRead, and sizes,
//   syncs or truncates the file through the other methods: each flushes first.
// One path leaves bytes pending after the commit frame: a transaction that wrote a page twice
// rewrites frame headers (walRewriteChecksums) after its commit frame, the commit frame's last.
// Those are flushed by xSync or, with synchronous=OFF, at the xShmBarrier before the header is
// published; a write that fails there aborts the process rather than publish frames missing from
// the file (the commit has not returned; WAL recovery at the next open drops it).
namespace lb::storage::detail {

namespace {

constexpr const char* kVfsName = "lb-gathering";
// Savepoint and statement journals (the pages a ROLLBACK TO restores) stay in memory up to this
// size, instead of SQLite's default 64 KiB, before they spill to a temporary file. Every lead
// insert runs inside a savepoint (SqlTransaction::Guarded) and journals 17 pages or more (the
// lead's row and index pages, ~70 KiB, more when a b-tree page splits): with the default, the
// journal of an import batch went to a file in /var/tmp, with two write calls per journaled page
// (bench/README.md, import). A bigger journal, such as that of an UPDATE of many rows inside a
// transaction, still spills, so the memory stays bounded. SQLite writes the whole in-memory
// journal to the file in one call when it spills, which the default VFS cannot take (see
// kMaxWriteBytes), so such journals (sub-journals, and the journals of TEMP tables, which SQLite
// spills the same way) open through this VFS and their writes are split.
constexpr int kStatementJournalSpillBytes = 4 << 20;
// Bytes of contiguous WAL writes kept before they are written anyway (big batch commits).
constexpr std::size_t kMaxPendingBytes = 1U << 20U;
// The default (unix) VFS writes at most this many bytes per call: it masks a write's length to
// 17 bits (seekAndWrite in os_unix.c), made for pages of at most 64 KiB.
constexpr std::size_t kMaxWriteBytes = 0x1ffff;
constexpr int kFrameHeaderBytes = 24;

// One file opened through the gathering VFS: SQLite allocates szOsFile bytes and sees `base`;
// the default VFS's own file lives right behind this struct in the same allocation.
struct GatheringFile {
    // First: SQLite's handle (pMethods: kWalMethods, kDbMethods, kSpillJournalMethods).
    sqlite3_file base;
    sqlite3_file* real = nullptr;  // the default VFS's file
    GatheringFile* wal = nullptr;  // a database file: its connection's open WAL, if any
    GatheringFile* db = nullptr;   // a WAL: the database file of its connection, if known
    std::vector<char> pending;     // a WAL: written by SQLite, not yet by the default VFS
    sqlite3_int64 pending_offset = 0;
    bool is_commit_page_next = false;  // the last write was a commit frame's header
};
static_assert(std::is_standard_layout_v<GatheringFile>,
              "SQLite sees the struct as its first member");

constexpr std::size_t kRealOffset = (sizeof(GatheringFile) + 7U) & ~std::size_t{7};

GatheringFile& Of(sqlite3_file* file) {
    return *reinterpret_cast<GatheringFile*>(file);
}

sqlite3_file* Real(sqlite3_file* file) {
    return Of(file).real;
}

sqlite3_vfs* RealVfs(sqlite3_vfs* vfs) {
    return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

// Writes what is pending, in calls of at most kMaxWriteBytes. The bytes are dropped whether or
// not that worked: SQLite sees the error of the call that flushed and treats the writes as
// failed, as it would have without the buffer.
int Flush(GatheringFile& wal) {
    int rc = SQLITE_OK;
    for (std::size_t done = 0; done < wal.pending.size() && rc == SQLITE_OK;) {
        const std::size_t chunk = std::min(kMaxWriteBytes, wal.pending.size() - done);
        rc = wal.real->pMethods->xWrite(wal.real,
                                        wal.pending.data() + done,
                                        static_cast<int>(chunk),
                                        wal.pending_offset + static_cast<sqlite3_int64>(done));
        done += chunk;
    }
    wal.pending.clear();
    return rc;
}

int FlushOf(sqlite3_file* file) {
    return Flush(Of(file));
}

// A frame header of a commit: its bytes 4-7 hold the database size in pages, zero otherwise.
bool IsCommitFrameHeader(const void* data, int amount) {
    if (amount != kFrameHeaderBytes) return false;
    unsigned char size[4];
    std::memcpy(size, static_cast<const unsigned char*>(data) + 4, sizeof size);
    return (size[0] | size[1] | size[2] | size[3]) != 0;
}

// --- the WAL file: writes are gathered, every other method flushes first ---

int WalWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    GatheringFile& wal = Of(file);
    const auto size = static_cast<std::size_t>(amount);
    const bool is_appended =
        !wal.pending.empty() &&
        offset == wal.pending_offset + static_cast<sqlite3_int64>(wal.pending.size());
    if (!is_appended) {
        if (const int rc = Flush(wal); rc != SQLITE_OK) return rc;
        wal.pending_offset = offset;
    }
    const auto* bytes = static_cast<const char*>(data);
    wal.pending.insert(wal.pending.end(), bytes, bytes + size);
    // A flag left over from a header rewritten after its commit (see above) costs one early
    // flush of the next transaction's first write, nothing more.
    const bool completes_commit = wal.is_commit_page_next;
    wal.is_commit_page_next = IsCommitFrameHeader(data, amount);
    if (completes_commit || wal.pending.size() >= kMaxPendingBytes) return Flush(wal);
    return SQLITE_OK;
}

int WalClose(sqlite3_file* file) {
    GatheringFile& wal = Of(file);
    const int flushed = Flush(wal);
    if (wal.db != nullptr) wal.db->wal = nullptr;
    const int rc = wal.real->pMethods->xClose(wal.real);
    std::destroy_at(&wal);
    return flushed != SQLITE_OK ? flushed : rc;
}

int WalRead(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xRead(Real(file), data, amount, offset);
}

int WalTruncate(sqlite3_file* file, sqlite3_int64 size) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xTruncate(Real(file), size);
}

int WalSync(sqlite3_file* file, int flags) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xSync(Real(file), flags);
}

int WalFileSize(sqlite3_file* file, sqlite3_int64* size) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xFileSize(Real(file), size);
}

int WalLock(sqlite3_file* file, int level) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xLock(Real(file), level);
}

int WalUnlock(sqlite3_file* file, int level) {
    const int flushed = FlushOf(file);
    const int rc = Real(file)->pMethods->xUnlock(Real(file), level);
    return flushed != SQLITE_OK ? flushed : rc;
}

int WalFileControl(sqlite3_file* file, int op, void* arg) {
    if (const int rc = FlushOf(file); rc != SQLITE_OK) return rc;
    return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}

// --- methods both kinds forward as they are ---

int ForwardCheckReservedLock(sqlite3_file* file, int* out) {
    return Real(file)->pMethods->xCheckReservedLock(Real(file), out);
}

int ForwardSectorSize(sqlite3_file* file) {
    return Real(file)->pMethods->xSectorSize(Real(file));
}

int ForwardDeviceCharacteristics(sqlite3_file* file) {
    return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}

int ForwardShmMap(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
    return Real(file)->pMethods->xShmMap(Real(file), page, page_size, extend, out);
}

int ForwardShmUnmap(sqlite3_file* file, int delete_flag) {
    return Real(file)->pMethods->xShmUnmap(Real(file), delete_flag);
}

int ForwardFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    return Real(file)->pMethods->xFetch(Real(file), offset, amount, out);
}

int ForwardUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    return Real(file)->pMethods->xUnfetch(Real(file), offset, page);
}

void ForwardShmBarrier(sqlite3_file* file) {
    Real(file)->pMethods->xShmBarrier(Real(file));
}

int ForwardShmLock(sqlite3_file* file, int offset, int count, int flags) {
    return Real(file)->pMethods->xShmLock(Real(file), offset, count, flags);
}

// --- the database file: as the default VFS's, but its WAL is flushed before the connection
// takes or drops a shared-memory lock or publishes the WAL index header ---

int DbClose(sqlite3_file* file) {
    GatheringFile& db = Of(file);
    if (db.wal != nullptr) db.wal->db = nullptr;
    const int rc = db.real->pMethods->xClose(db.real);
    std::destroy_at(&db);
    return rc;
}

int DbRead(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
    return Real(file)->pMethods->xRead(Real(file), data, amount, offset);
}

int DbWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    return Real(file)->pMethods->xWrite(Real(file), data, amount, offset);
}

// A write to a journal SQLite spilled from memory (kStatementJournalSpillBytes), in pieces the
// default VFS can take.
int SpillJournalWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    const char* bytes = static_cast<const char*>(data);
    const auto total = static_cast<std::size_t>(amount);
    for (std::size_t done = 0; done < total;) {
        const std::size_t piece = std::min(kMaxWriteBytes, total - done);
        const int rc = Real(file)->pMethods->xWrite(Real(file),
                                                    bytes + done,
                                                    static_cast<int>(piece),
                                                    offset + static_cast<sqlite3_int64>(done));
        if (rc != SQLITE_OK) return rc;
        done += piece;
    }
    return SQLITE_OK;
}

int DbTruncate(sqlite3_file* file, sqlite3_int64 size) {
    return Real(file)->pMethods->xTruncate(Real(file), size);
}

int DbSync(sqlite3_file* file, int flags) {
    return Real(file)->pMethods->xSync(Real(file), flags);
}

int DbFileSize(sqlite3_file* file, sqlite3_int64* size) {
    return Real(file)->pMethods->xFileSize(Real(file), size);
}

int DbLock(sqlite3_file* file, int level) {
    return Real(file)->pMethods->xLock(Real(file), level);
}

int DbUnlock(sqlite3_file* file, int level) {
    return Real(file)->pMethods->xUnlock(Real(file), level);
}

int DbFileControl(sqlite3_file* file, int op, void* arg) {
    return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}

int DbShmLock(sqlite3_file* file, int offset, int count, int flags) {
    GatheringFile& db = Of(file);
    const int flushed = db.wal != nullptr ? Flush(*db.wal) : SQLITE_OK;
    if (flushed != SQLITE_OK && (flags & SQLITE_SHM_LOCK) != 0) return flushed;
    return ForwardShmLock(file, offset, count, flags);
}

// The commit frame's write flushed the buffer already; were anything still pending here, the
// header published next would point other connections at frames not in the file.
void DbShmBarrier(sqlite3_file* file) {
    GatheringFile& db = Of(file);
    if (db.wal != nullptr)
        LB_CHECK(Flush(*db.wal) == SQLITE_OK,
                 "WAL frames could not be written before the WAL index header was published");
    ForwardShmBarrier(file);
}

constexpr sqlite3_io_methods kWalMethods = {
    3,
    WalClose,
    WalRead,
    WalWrite,
    WalTruncate,
    WalSync,
    WalFileSize,
    WalLock,
    WalUnlock,
    ForwardCheckReservedLock,
    WalFileControl,
    ForwardSectorSize,
    ForwardDeviceCharacteristics,
    ForwardShmMap,
    ForwardShmLock,
    ForwardShmBarrier,
    ForwardShmUnmap,
    ForwardFetch,
    ForwardUnfetch,
};

constexpr sqlite3_io_methods kDbMethods = {
    3,
    DbClose,
    DbRead,
    DbWrite,
    DbTruncate,
    DbSync,
    DbFileSize,
    DbLock,
    DbUnlock,
    ForwardCheckReservedLock,
    DbFileControl,
    ForwardSectorSize,
    ForwardDeviceCharacteristics,
    ForwardShmMap,
    DbShmLock,
    DbShmBarrier,
    ForwardShmUnmap,
    ForwardFetch,
    ForwardUnfetch,
};

// Version 1: such a journal is never memory-mapped and has no shared memory.
constexpr sqlite3_io_methods kSpillJournalMethods = {
    1,
    DbClose,
    DbRead,
    SpillJournalWrite,
    DbTruncate,
    DbSync,
    DbFileSize,
    DbLock,
    DbUnlock,
    ForwardCheckReservedLock,
    DbFileControl,
    ForwardSectorSize,
    ForwardDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// Databases, WALs and the journals SQLite spills from memory are wrapped; every other file is
// the default VFS's own, in place.
int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    sqlite3_vfs* real_vfs = RealVfs(vfs);
    const bool is_wal = (flags & SQLITE_OPEN_WAL) != 0;
    const bool is_spill_journal =
        (flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_JOURNAL)) != 0;
    if (!is_wal && !is_spill_journal && (flags & SQLITE_OPEN_MAIN_DB) == 0)
        return real_vfs->xOpen(real_vfs, name, file, flags, out_flags);
    GatheringFile* opened = std::construct_at(reinterpret_cast<GatheringFile*>(file));
    opened->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealOffset);
    opened->real->pMethods = nullptr;
    const int rc = real_vfs->xOpen(real_vfs, name, opened->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        // SQLite closes a file whose open failed only when its pMethods is set: ours stays null.
        if (opened->real->pMethods != nullptr) opened->real->pMethods->xClose(opened->real);
        std::destroy_at(opened);
        file->pMethods = nullptr;
        return rc;
    }
    if (is_spill_journal) {
        opened->base.pMethods = &kSpillJournalMethods;
        return SQLITE_OK;
    }
    if (!is_wal) {
        opened->base.pMethods = &kDbMethods;
        return SQLITE_OK;
    }
    opened->base.pMethods = &kWalMethods;
    // The WAL's name is its pager's: SQLite finds the database file of the same connection.
    sqlite3_file* db = sqlite3_database_file_object(name);
    if (db != nullptr && db->pMethods == &kDbMethods) {
        opened->db = &Of(db);
        opened->db->wal = opened;
    }
    return SQLITE_OK;
}

// --- the rest of the VFS is the default one's ---

int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return RealVfs(vfs)->xDelete(RealVfs(vfs), name, sync_dir);
}

int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return RealVfs(vfs)->xAccess(RealVfs(vfs), name, flags, out);
}

int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return RealVfs(vfs)->xFullPathname(RealVfs(vfs), name, size, out);
}

void* DlOpen(sqlite3_vfs* vfs, const char* name) {
    return RealVfs(vfs)->xDlOpen(RealVfs(vfs), name);
}

void DlError(sqlite3_vfs* vfs, int size, char* out) {
    RealVfs(vfs)->xDlError(RealVfs(vfs), size, out);
}

void (*DlSym(sqlite3_vfs* vfs, void* library, const char* symbol))(void) {
    return RealVfs(vfs)->xDlSym(RealVfs(vfs), library, symbol);
}

void DlClose(sqlite3_vfs* vfs, void* library) {
    RealVfs(vfs)->xDlClose(RealVfs(vfs), library);
}

int Randomness(sqlite3_vfs* vfs, int size, char* out) {
    return RealVfs(vfs)->xRandomness(RealVfs(vfs), size, out);
}

int Sleep(sqlite3_vfs* vfs, int microseconds) {
    return RealVfs(vfs)->xSleep(RealVfs(vfs), microseconds);
}

int CurrentTime(sqlite3_vfs* vfs, double* out) {
    return RealVfs(vfs)->xCurrentTime(RealVfs(vfs), out);
}

int GetLastError(sqlite3_vfs* vfs, int size, char* out) {
    return RealVfs(vfs)->xGetLastError(RealVfs(vfs), size, out);
}

int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return RealVfs(vfs)->xCurrentTimeInt64(RealVfs(vfs), out);
}

// The VFS SQLite keeps a pointer to: built and registered once, alive until the process ends.
struct Registration {
    sqlite3_vfs vfs{};
    int rc = SQLITE_ERROR;

    Registration() {
        // Before anything initialises SQLite (sqlite3_vfs_find does): every connection opens
        // through this VFS, so this is the one place that runs first.
        InstallPageCache();
        // Fails only if SQLite was initialised before; then its default (64 KiB) stays.
        (void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalSpillBytes);
        sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
        if (real == nullptr) return;
        vfs.iVersion = 2;
        vfs.szOsFile = static_cast<int>(kRealOffset) + real->szOsFile;
        vfs.mxPathname = real->mxPathname;
        vfs.zName = kVfsName;
        vfs.pAppData = real;
        vfs.xOpen = Open;
        vfs.xDelete = Delete;
        vfs.xAccess = Access;
        vfs.xFullPathname = FullPathname;
        vfs.xDlOpen = DlOpen;
        vfs.xDlError = DlError;
        vfs.xDlSym = DlSym;
        vfs.xDlClose = DlClose;
        vfs.xRandomness = Randomness;
        vfs.xSleep = Sleep;
        vfs.xCurrentTime = CurrentTime;
        vfs.xGetLastError = GetLastError;
        vfs.xCurrentTimeInt64 = CurrentTimeInt64;
        rc = sqlite3_vfs_register(&vfs, 0);
    }
};

}  // namespace

Result<const char*> GatheringVfsName() {
    static Registration registration;
    if (registration.rc != SQLITE_OK)
        return Fail(Internal(std::string("cannot register the SQLite VFS '") + kVfsName +
                             "': " + sqlite3_errstr(registration.rc)));
    return kVfsName;
}

}  // namespace lb::storage::detail
