#include "chip_crypto.h"

#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

// JPEG 2000 faces (DG2) decoded with OpenJPEG and written as PNG, which every browser shows. Bytes in, bytes out.

typedef struct { const uint8_t *data; size_t length; size_t position; } chip_source;

static OPJ_SIZE_T source_read(void *buffer, OPJ_SIZE_T count, void *user) {
    chip_source *s = user;
    if (s->position >= s->length) return (OPJ_SIZE_T)-1;
    size_t n = s->length - s->position < count ? s->length - s->position : count;
    memcpy(buffer, s->data + s->position, n);
    s->position += n;
    return n;
}

static OPJ_OFF_T source_skip(OPJ_OFF_T count, void *user) {
    chip_source *s = user;
    if (count < 0) return -1;
    size_t n = s->length - s->position < (size_t)count ? s->length - s->position : (size_t)count;
    s->position += n;
    return (OPJ_OFF_T)n;
}

static OPJ_BOOL source_seek(OPJ_OFF_T offset, void *user) {
    chip_source *s = user;
    if (offset < 0 || (size_t)offset > s->length) return OPJ_FALSE;
    s->position = (size_t)offset;
    return OPJ_TRUE;
}

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

/// Appends one PNG chunk (length, type, data, CRC over type and data).
static uint8_t *chunk(uint8_t *out, const char *type, const uint8_t *data, uint32_t length) {
    put32(out, length);
    memcpy(out + 4, type, 4);
    if (length) memcpy(out + 8, data, length);
    uLong crc = crc32(0, out + 4, 4 + length);
    put32(out + 8 + length, (uint32_t)crc);
    return out + 12 + length;
}

static int sample(const opj_image_comp_t *c, uint32_t x, uint32_t y, uint32_t width, uint32_t height) {
    // A subsampled component is read at its own resolution.
    uint32_t cx = c->w == width ? x : x * c->w / width, cy = c->h == height ? y : y * c->h / height;
    int v = c->data[cy * c->w + cx];
    if (c->sgnd) v += 1 << (c->prec - 1);
    if (c->prec > 8) v >>= c->prec - 8; else if (c->prec < 8) v <<= 8 - c->prec;
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

int chip_jpeg2000_to_png(const uint8_t *in, size_t in_length, uint8_t **png, size_t *png_length) {
    static const uint8_t jp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    OPJ_CODEC_FORMAT format = in_length > 8 && memcmp(in, jp2, 8) == 0 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K;
    chip_source source = {in, in_length, 0};
    int ok = 0;
    opj_image_t *image = NULL;
    uint8_t *raw = NULL, *packed = NULL, *out = NULL;
    opj_stream_t *stream = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
    opj_codec_t *codec = opj_create_decompress(format);
    opj_dparameters_t parameters;
    if (!stream || !codec) goto done;
    opj_stream_set_user_data(stream, &source, NULL);
    opj_stream_set_user_data_length(stream, in_length);
    opj_stream_set_read_function(stream, source_read);
    opj_stream_set_skip_function(stream, source_skip);
    opj_stream_set_seek_function(stream, source_seek);
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec, &parameters)) goto done;
    if (!opj_read_header(stream, codec, &image) || !opj_decode(codec, stream, image) || !opj_end_decompress(codec, stream)) goto done;
    if (image->numcomps < 1) goto done;

    uint32_t width = image->comps[0].w, height = image->comps[0].h;
    int colour = image->numcomps >= 3;
    if (width == 0 || height == 0 || width > 4096 || height > 4096) goto done;
    size_t stride = 1 + (size_t)width * (colour ? 3 : 1);
    raw = malloc(stride * height);
    if (!raw) goto done;
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *row = raw + y * stride;
        row[0] = 0;  // no filter
        for (uint32_t x = 0; x < width; x++) {
            if (!colour) { row[1 + x] = (uint8_t)sample(&image->comps[0], x, y, width, height); continue; }
            int r = sample(&image->comps[0], x, y, width, height), g = sample(&image->comps[1], x, y, width, height),
                b = sample(&image->comps[2], x, y, width, height);
            if (image->color_space == OPJ_CLRSPC_SYCC) {  // YCbCr to RGB (ITU-R BT.601)
                int cb = g - 128, cr = b - 128, luma = r;
                r = luma + (int)(1.402 * cr); g = luma - (int)(0.344136 * cb + 0.714136 * cr); b = luma + (int)(1.772 * cb);
                r = r < 0 ? 0 : r > 255 ? 255 : r; g = g < 0 ? 0 : g > 255 ? 255 : g; b = b < 0 ? 0 : b > 255 ? 255 : b;
            }
            row[1 + 3 * x] = (uint8_t)r; row[2 + 3 * x] = (uint8_t)g; row[3 + 3 * x] = (uint8_t)b;
        }
    }
    uLongf packed_length = compressBound(stride * height);
    packed = malloc(packed_length);
    if (!packed || compress2(packed, &packed_length, raw, stride * height, 6) != Z_OK) goto done;

    out = malloc(8 + 25 + 12 + packed_length + 12);
    if (!out) goto done;
    static const uint8_t signature[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    memcpy(out, signature, 8);
    uint8_t header[13];
    put32(header, width);
    put32(header + 4, height);
    header[8] = 8; header[9] = colour ? 2 : 0; header[10] = 0; header[11] = 0; header[12] = 0;
    uint8_t *end = chunk(out + 8, "IHDR", header, 13);
    end = chunk(end, "IDAT", packed, (uint32_t)packed_length);
    end = chunk(end, "IEND", NULL, 0);
    *png = out;
    *png_length = (size_t)(end - out);
    out = NULL;
    ok = 1;
done:
    free(out);
    free(packed);
    free(raw);
    if (image) opj_image_destroy(image);
    if (codec) opj_destroy_codec(codec);
    if (stream) opj_stream_destroy(stream);
    return ok;
}

void chip_free(void *pointer) { free(pointer); }
