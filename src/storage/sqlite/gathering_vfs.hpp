// The SQLite VFS Leadbase opens its stores with: the platform's default VFS, except that the
// write-ahead log's writes of one commit reach the file in one system call instead of two per
// page (docs/adr/0003-durable-collector.md, "one write per commit").
#pragma once

#include "common/result.hpp"

namespace lb::storage::detail {

// The name to pass to sqlite3_open_v2 for the gathering VFS, registered with SQLite (not as the
// default) on the first call. Thread-safe.
//
// What it does: a WAL file opened through it keeps the frames SQLite writes in a buffer of its
// own while they are contiguous, and writes the buffer with one write when the commit frame's
// page arrives (the frame whose header carries the database size), when the buffer reaches
// 1 MiB, and before anything else touches the file (a read, a sync, a size query, a truncation,
// a lock) or the connection changes a shared-memory lock or publishes the WAL index header. A
// commit is therefore in the file (the page cache) before it returns and before any other
// connection can see it; a failed write fails the commit as it would without the buffer. Every
// other file (the database, journals, temporary files) is the default VFS's own.
//
// Errors: kInternal when SQLite has no default VFS or refuses the registration.
[[nodiscard]] Result<const char*> GatheringVfsName();

}  // namespace lb::storage::detail
