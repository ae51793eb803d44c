#ifndef BANTIN_PHOTOS_H
#define BANTIN_PHOTOS_H

#include <stddef.h>

/// Bantin's few calls into libvips, without its variadic API (which Swift cannot call).
/// Every function is safe to call from several threads at once, each with its own photo.

/// Loads and starts libvips once for the process (it is not linked: see photos.c): no operation cache (every photo is read once), one
/// thread per operation (Bantin runs one photo per core), untrusted loaders blocked.
/// Returns 0, or -1 when libvips cannot start.
int bantin_photos_start(void);

/// Why `bantin_photos_start` failed: libvips missing, too old, or not starting.
const char *bantin_photos_problem(void);

typedef struct {
    /// As stored in the file, before the EXIF orientation is applied.
    int width;
    int height;
    /// EXIF orientation, 1 (none) to 8.
    int orientation;
    int has_alpha;
    /// libvips' loader, as "jpegload" (the format it read).
    char loader[32];
} bantin_photo_header;

/// Reads the header of the photo at `path` and nothing more: its pixels are not decoded, so a
/// decompression bomb is seen before it costs memory. Returns 0, or -1 with `error` filled in.
int bantin_photo_header_read(const char *path, bantin_photo_header *header, char *error, size_t error_size);

enum bantin_photo_format { BANTIN_JPEG = 0, BANTIN_PNG = 1, BANTIN_WEBP = 2 };

typedef struct {
    /// The width to make (never more than the photo's: it is not upscaled).
    int width;
    /// Where each format is written; NULL for a format not wanted.
    const char *webp_path;
    const char *jpeg_path;
    const char *png_path;
    int jpeg_quality;
    /// Filled in: the size made.
    int made_width;
    int made_height;
} bantin_photo_output;

/// Makes every width asked of the photo at `path`, widest first (`outputs` in that order): the
/// file is decoded once, shrunk on load to the widest, turned upright by its EXIF orientation;
/// each narrower width is resized from that. Every file is written without any metadata (EXIF,
/// XMP, IPTC, ICC, maker notes). A JPEG of a photo with transparency is flattened onto white.
/// Returns 0, or -1 with `error` filled in (then no file is left at the paths).
int bantin_photo_make(const char *path, bantin_photo_output *outputs, int count, int webp_quality, char *error, size_t error_size);

/// Writes a photo-like test image (gradients under noise, the same for the same seed) to
/// `path`, in the format its extension names; with `alpha`, a transparent band too. For the
/// tests and the benchmark corpus: Bantin never makes photos of its own otherwise.
int bantin_photo_sample(const char *path, int width, int height, int alpha, int seed, char *error, size_t error_size);

#endif
