#ifndef DEDUP_FS_H
#define DEDUP_FS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Renames `from` to `to` unless `to` exists, atomically (`renameat2` with `RENAME_NOREPLACE`):
/// no window in which a file appearing under `to` is replaced. Returns 0, or -1 with errno set:
/// EEXIST when `to` exists; EINVAL or ENOSYS when the file system or kernel cannot do it (the
/// caller then checks and renames in two steps). Swift's Glibc module does not export renameat2.
int dedup_rename_noreplace(const char *from, const char *to);

/// Flushes the file system holding the open file or directory `fd` to disk (`syncfs`), not every
/// mounted one as `sync` does. Returns 0, or -1 with errno set. Swift's Glibc module does not
/// export syncfs.
int dedup_syncfs(int fd);

/// Removes the directory tree at `path` (`rm -rf`, not following symbolic links or crossing
/// into other file systems). Returns how many non-directories were removed, or -1 with errno
/// set when `path` cannot be walked at all. Whatever else fails is skipped: what can be removed
/// is removed.
long long dedup_remove_tree(const char *path);

#ifdef __cplusplus
}
#endif

#endif
