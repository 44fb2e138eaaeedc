// One-shot gzip decompression over system zlib. zlib's inflateInit2 is a function-like macro,
// which Swift cannot call, hence this shim; its header uses plain C types only.
#include "dedup_gzip.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void dedup_gzip_free(uint8_t *buffer) { free(buffer); }

int dedup_gunzip(const uint8_t *in, size_t in_len, size_t max_out, uint8_t **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    size_t capacity = in_len * 4 + 4096;
    if (capacity > max_out && max_out > 0) capacity = max_out + 1;
    uint8_t *buffer = malloc(capacity);
    if (!buffer) return DEDUP_GZIP_NO_MEMORY;
    size_t produced = 0;
    size_t consumed = 0;
    int result = DEDUP_GZIP_OK;

    while (consumed < in_len) {
        z_stream stream;
        memset(&stream, 0, sizeof stream);
        // 16 + MAX_WBITS: gzip wrapper only (a zlib or raw stream is not a .gz file).
        if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) { result = DEDUP_GZIP_NO_MEMORY; break; }
        int status = Z_OK;
        while (status != Z_STREAM_END) {
            if (produced == capacity) {
                if (produced >= max_out) { status = Z_MEM_ERROR; result = DEDUP_GZIP_TOO_LARGE; break; }
                size_t grown = capacity * 2;
                if (grown > max_out) grown = max_out + 1;
                uint8_t *bigger = realloc(buffer, grown);
                if (!bigger) { result = DEDUP_GZIP_NO_MEMORY; break; }
                buffer = bigger;
                capacity = grown;
            }
            size_t in_left = in_len - consumed;
            size_t out_left = capacity - produced;
            // zlib counts in uInt; feed at most 1 GiB per call.
            stream.next_in = (Bytef *)(in + consumed);
            stream.avail_in = (uInt)(in_left > (1u << 30) ? (1u << 30) : in_left);
            stream.next_out = buffer + produced;
            stream.avail_out = (uInt)(out_left > (1u << 30) ? (1u << 30) : out_left);
            uInt fed_in = stream.avail_in;
            uInt fed_out = stream.avail_out;
            status = inflate(&stream, Z_NO_FLUSH);
            consumed += fed_in - stream.avail_in;
            produced += fed_out - stream.avail_out;
            if (status == Z_STREAM_END) break;
            if (status == Z_BUF_ERROR && consumed == in_len && stream.avail_out > 0) {
                result = DEDUP_GZIP_TRUNCATED;
                break;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) {
                result = status == Z_MEM_ERROR ? DEDUP_GZIP_NO_MEMORY : DEDUP_GZIP_CORRUPT;
                break;
            }
        }
        inflateEnd(&stream);
        if (result != DEDUP_GZIP_OK) break;
        if (produced > max_out) { result = DEDUP_GZIP_TOO_LARGE; break; }
        // Another member follows only if it starts with the gzip magic; trailing zero padding
        // (written by some tape tools) is ignored, anything else is corruption.
        if (consumed < in_len && !(in_len - consumed >= 2 && in[consumed] == 0x1f && in[consumed + 1] == 0x8b)) {
            for (size_t i = consumed; i < in_len; i++) {
                if (in[i] != 0) { result = DEDUP_GZIP_CORRUPT; break; }
            }
            break;
        }
    }
    if (result != DEDUP_GZIP_OK) {
        free(buffer);
        return result;
    }
    *out = buffer;
    *out_len = produced;
    return DEDUP_GZIP_OK;
}
