#ifndef DEDUP_GZIP_H
#define DEDUP_GZIP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result codes of dedup_gunzip.
enum {
    DEDUP_GZIP_OK = 0,
    DEDUP_GZIP_CORRUPT = -1,     /* not gzip, bad header, bad deflate data or CRC */
    DEDUP_GZIP_TRUNCATED = -2,   /* the input ends inside a member */
    DEDUP_GZIP_NO_MEMORY = -3,
    DEDUP_GZIP_TOO_LARGE = -4    /* the decompressed size would exceed max_out */
};

/// Decompresses every gzip member of `in` (concatenated members, as `gzip` writes them with
/// `cat a.gz b.gz`) into one malloc'd buffer. On DEDUP_GZIP_OK, *out holds *out_len bytes and
/// must be released with dedup_gzip_free (also when *out_len is 0). On failure *out is NULL.
/// `max_out` bounds the decompressed size (a guard against decompression bombs).
int dedup_gunzip(const uint8_t *in, size_t in_len, size_t max_out, uint8_t **out, size_t *out_len);

/// Releases a buffer returned by dedup_gunzip.
void dedup_gzip_free(uint8_t *buffer);

#ifdef __cplusplus
}
#endif

#endif
