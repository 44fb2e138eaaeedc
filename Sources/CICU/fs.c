#define _GNU_SOURCE
#include "dedup_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

int dedup_syncfs(int fd) {
    return syncfs(fd);
}

int dedup_rename_noreplace(const char *from, const char *to) {
#ifdef RENAME_NOREPLACE
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

static _Thread_local long long removed_files;

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk) {
    (void)info;
    (void)walk;
    // Go on whatever fails: remove what can be removed (the caller sees what is left).
    if (type == FTW_DP || type == FTW_DNR) {
        (void)rmdir(path);
    } else if (unlink(path) == 0) {
        ++removed_files;
    }
    return 0;
}

long long dedup_remove_tree(const char *path) {
    removed_files = 0;
    if (nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0) return -1;
    return removed_files;
}
