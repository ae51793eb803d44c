#include "photos.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vips/vips.h>
#include <webp/mux.h>

/* libvips is loaded when the first photo is made, not when Bantin starts: linked in, it and
 * the ninety libraries it needs (X11, HDF5, curl, Kerberos…) took 18 ms to load at every run of
 * every command, a tenth of a rebuild's budget, though most builds have no photo. Its header
 * gives the functions' types; each is called through a pointer looked up once. */
#define BANTIN_VIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version) X(vips_error_buffer) X(vips_error_clear) X(vips_error) X(vips_cache_set_max) \
    X(vips_concurrency_set) X(vips_block_untrusted_set) X(vips_foreign_find_load) X(vips_image_new_from_file) \
    X(vips_image_get_width) X(vips_image_get_height) X(vips_image_get_typeof) X(vips_image_get_int) \
    X(vips_image_get_string) X(vips_image_hasalpha) X(vips_image_get_interpretation) X(vips_image_get_format) \
    X(vips_image_get_orientation) X(vips_image_get_orientation_swap) X(vips_image_copy_memory) \
    X(vips_image_new) X(vips_image_write_to_file) X(vips_object_local_array) X(vips_array_double_newv) \
    X(vips_area_unref) X(vips_webpsave_buffer) X(vips_pngsave) X(vips_jpegsave) X(vips_jpegload) \
    X(vips_flatten) X(vips_colourspace) X(vips_cast_uchar) X(vips_thumbnail) X(vips_thumbnail_image) \
    X(vips_autorot) X(vips_resize) X(vips_xyz) X(vips_linear) X(vips_linear1) X(vips_gaussnoise) X(vips_add) \
    X(vips_extract_band) X(vips_bandjoin) X(vips_bandjoin_const1) X(vips_copy) \
    X(g_object_ref) X(g_object_unref) X(g_free)

#define BANTIN_POINTER(name) static __typeof__(&name) bantin_##name;
BANTIN_VIPS_FUNCTIONS(BANTIN_POINTER)
#undef BANTIN_POINTER

/* From here on, every call names the pointer. */
#define vips_init (*bantin_vips_init)
#define vips_version (*bantin_vips_version)
#define vips_error_buffer (*bantin_vips_error_buffer)
#define vips_error_clear (*bantin_vips_error_clear)
#define vips_error (*bantin_vips_error)
#define vips_cache_set_max (*bantin_vips_cache_set_max)
#define vips_concurrency_set (*bantin_vips_concurrency_set)
#define vips_block_untrusted_set (*bantin_vips_block_untrusted_set)
#define vips_foreign_find_load (*bantin_vips_foreign_find_load)
#define vips_image_new_from_file (*bantin_vips_image_new_from_file)
#define vips_image_get_width (*bantin_vips_image_get_width)
#define vips_image_get_height (*bantin_vips_image_get_height)
#define vips_image_get_typeof (*bantin_vips_image_get_typeof)
#define vips_image_get_int (*bantin_vips_image_get_int)
#define vips_image_get_string (*bantin_vips_image_get_string)
#define vips_image_hasalpha (*bantin_vips_image_hasalpha)
#define vips_image_get_interpretation (*bantin_vips_image_get_interpretation)
#define vips_image_get_format (*bantin_vips_image_get_format)
#define vips_image_get_orientation (*bantin_vips_image_get_orientation)
#define vips_image_get_orientation_swap (*bantin_vips_image_get_orientation_swap)
#define vips_image_copy_memory (*bantin_vips_image_copy_memory)
#define vips_image_new (*bantin_vips_image_new)
#define vips_image_write_to_file (*bantin_vips_image_write_to_file)
#define vips_object_local_array (*bantin_vips_object_local_array)
#define vips_array_double_newv (*bantin_vips_array_double_newv)
#define vips_area_unref (*bantin_vips_area_unref)
#define vips_webpsave_buffer (*bantin_vips_webpsave_buffer)
#define vips_pngsave (*bantin_vips_pngsave)
#define vips_jpegsave (*bantin_vips_jpegsave)
#define vips_jpegload (*bantin_vips_jpegload)
#define vips_flatten (*bantin_vips_flatten)
#define vips_colourspace (*bantin_vips_colourspace)
#define vips_cast_uchar (*bantin_vips_cast_uchar)
#define vips_thumbnail (*bantin_vips_thumbnail)
#define vips_thumbnail_image (*bantin_vips_thumbnail_image)
#define vips_autorot (*bantin_vips_autorot)
#define vips_resize (*bantin_vips_resize)
#define vips_xyz (*bantin_vips_xyz)
#define vips_linear (*bantin_vips_linear)
#define vips_linear1 (*bantin_vips_linear1)
#define vips_gaussnoise (*bantin_vips_gaussnoise)
#define vips_add (*bantin_vips_add)
#define vips_extract_band (*bantin_vips_extract_band)
#define vips_bandjoin (*bantin_vips_bandjoin)
#define vips_bandjoin_const1 (*bantin_vips_bandjoin_const1)
#define vips_copy (*bantin_vips_copy)
#undef g_object_ref /* glib's own macro around the function */
#define g_object_ref (*bantin_g_object_ref)
#define g_object_unref (*bantin_g_object_unref)
#define g_free (*bantin_g_free)

/* The library's names, newest first: Debian's libvips42 (8.x), then the unversioned link the
 * -dev package adds. */
static const char *const bantin_vips_names[] = { "libvips.so.42", "libvips.so" };

static char bantin_vips_problem[256];

/* Loads libvips (the one BANTIN_LIBVIPS names, when it is set: a libvips built by hand) and
 * looks up every function; 0, or -1 with bantin_vips_problem said. */
static int load_vips(void) {
    void *library = NULL;
    const char *asked = getenv("BANTIN_LIBVIPS");
    if (asked && *asked) library = dlopen(asked, RTLD_NOW | RTLD_LOCAL);
    for (size_t i = 0; !library && !(asked && *asked) && i < sizeof bantin_vips_names / sizeof *bantin_vips_names; i++)
        library = dlopen(bantin_vips_names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(bantin_vips_problem, sizeof bantin_vips_problem,
                 "libvips is not installed (%s): run `make deps`, or `sudo apt-get install libvips42`", dlerror());
        return -1;
    }
#define BANTIN_LOOKUP(name) \
    if (!(*(void **) &bantin_##name = dlsym(library, #name))) { \
        snprintf(bantin_vips_problem, sizeof bantin_vips_problem, "this libvips has no %s: install libvips 8.14 or newer", #name); \
        return -1; \
    }
    BANTIN_VIPS_FUNCTIONS(BANTIN_LOOKUP)
#undef BANTIN_LOOKUP
    /* What VIPS_INIT checks: the library's ABI is the one the header describes. */
    if (vips_version(3) - vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        snprintf(bantin_vips_problem, sizeof bantin_vips_problem, "the installed libvips (ABI %d) is not the one Bantin was built with (ABI %d): build Bantin again",
                 vips_version(3) - vips_version(5), VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        return -1;
    }
    return 0;
}

static void take_error(char *error, size_t error_size, const char *what) {
    const char *said = vips_error_buffer();
    snprintf(error, error_size, "%s%s%s", what, said && *said ? ": " : "", said ? said : "");
    /* libvips ends its messages with a newline: one line is wanted. */
    for (char *c = error; *c; c++) if (*c == '\n') *c = (c[1] ? ' ' : '\0');
    vips_error_clear();
}

static int bantin_started = 0;

int bantin_photos_start(void) {
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (!bantin_started) {
        if (load_vips() != 0 || vips_init("bantin") != 0) {
            pthread_mutex_unlock(&lock);
            return -1;
        }
        vips_cache_set_max(0);
        vips_concurrency_set(1);
        vips_block_untrusted_set(TRUE);
        bantin_started = 1;
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

const char *bantin_photos_problem(void) {
    return bantin_vips_problem[0] ? bantin_vips_problem : "libvips could not start";
}

int bantin_photo_header_read(const char *path, bantin_photo_header *header, char *error, size_t error_size) {
    const char *loader = vips_foreign_find_load(path);
    if (!loader) {
        take_error(error, error_size, "libvips cannot read this kind of file");
        return -1;
    }
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) {
        take_error(error, error_size, "libvips cannot read it");
        return -1;
    }
    header->width = vips_image_get_width(image);
    header->height = vips_image_get_height(image);
    int orientation = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION) && vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation) != 0) orientation = 1;
    header->orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
    header->has_alpha = vips_image_hasalpha(image);
    snprintf(header->loader, sizeof header->loader, "%s", loader);
    g_object_unref(image);
    return 0;
}

/* effort 0: on the benchmark photos (bench/images) both the fastest and the smallest of 0-4.
 * libvips 8.14's webpsave writes an EXIF chunk of its own (orientation, resolution) even when
 * told to strip: the chunks that are not the picture are taken out with libwebp's own muxer. */
static int save_webp(VipsImage *image, const char *path, int quality) {
    void *buffer = NULL;
    size_t length = 0;
    if (vips_webpsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, "effort", 0, NULL) != 0) return -1;
    WebPData data = { buffer, length };
    WebPMux *mux = WebPMuxCreate(&data, 1);
    g_free(buffer);
    if (!mux) { vips_error("bantin", "WebP mux error"); return -1; }
    WebPMuxDeleteChunk(mux, "EXIF");
    WebPMuxDeleteChunk(mux, "XMP ");
    WebPMuxDeleteChunk(mux, "ICCP");
    WebPData out = { NULL, 0 };
    int status = -1;
    if (WebPMuxAssemble(mux, &out) == WEBP_MUX_OK) {
        FILE *f = fopen(path, "wb");
        if (f) {
            status = fwrite(out.bytes, 1, out.size, f) == out.size ? 0 : -1;
            if (fclose(f) != 0) status = -1;
        }
        if (status) vips_error("bantin", "cannot write %s", path);
    } else {
        vips_error("bantin", "WebP mux error");
    }
    WebPDataClear(&out);
    WebPMuxDelete(mux);
    return status;
}

/* Saves `image` (already stripped of nothing: the savers' `strip` leaves the metadata out). */
static int save(VipsImage *image, int format, const char *path, int quality) {
    switch (format) {
    case BANTIN_WEBP:
        return save_webp(image, path, quality);
    case BANTIN_PNG:
        return vips_pngsave(image, path, "strip", TRUE, "compression", 6, NULL);
    default: {
        VipsImage *flat = NULL;
        int status;
        if (vips_image_hasalpha(image)) {
            VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
            status = vips_flatten(image, &flat, "background", white, NULL);
            vips_area_unref((VipsArea *) white);
            if (status != 0) return -1;
            image = flat;
        }
        /* Baseline, not progressive: the JPEG is the fallback of browsers without WebP, and half again slower to make progressive. */
        status = vips_jpegsave(image, path, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                               "subsample_mode", VIPS_FOREIGN_SUBSAMPLE_AUTO, NULL);
        if (flat) g_object_unref(flat);
        return status;
    }
    }
}

/* sRGB, 8 bits a band: what every browser shows (a CMYK or 16-bit photo would not show everywhere). */
static VipsImage *for_the_web(VipsImage *made, char *error, size_t error_size) {
    VipsInterpretation space = vips_image_get_interpretation(made);
    if (space != VIPS_INTERPRETATION_sRGB && space != VIPS_INTERPRETATION_B_W) {
        VipsImage *srgb = NULL;
        if (vips_colourspace(made, &srgb, VIPS_INTERPRETATION_sRGB, NULL) != 0) {
            g_object_unref(made);
            take_error(error, error_size, "libvips could not turn the photo's colours into sRGB");
            return NULL;
        }
        g_object_unref(made);
        made = srgb;
    }
    if (vips_image_get_format(made) != VIPS_FORMAT_UCHAR) {
        VipsImage *eight = NULL;
        if (vips_cast_uchar(made, &eight, NULL) != 0) {
            g_object_unref(made);
            take_error(error, error_size, "libvips could not make 8-bit colours of the photo");
            return NULL;
        }
        g_object_unref(made);
        made = eight;
    }
    return made;
}

/* `image` made `width` wide and held in memory (a lazy pipeline would be computed again per format). */
static VipsImage *in_memory(VipsImage *image, int width) {
    VipsImage *resized = NULL;
    if (vips_image_get_width(image) == width) {
        g_object_ref(image);
        return image;
    }
    if (vips_thumbnail_image(image, &resized, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL) != 0) return NULL;
    VipsImage *held = vips_image_copy_memory(resized);
    g_object_unref(resized);
    return held;
}

static void remove_outputs(bantin_photo_output *outputs, int upto) {
    for (int i = 0; i <= upto; i++) {
        const char *paths[3] = { outputs[i].jpeg_path, outputs[i].png_path, outputs[i].webp_path };
        for (int j = 0; j < 3; j++) if (paths[j]) unlink(paths[j]);
    }
}

/* A JPEG at `width` (never wider than it is), upright, or NULL when it is not a JPEG or cannot
 * be read that way (then vips_thumbnail does it). libjpeg decodes it shrunk by the largest of
 * 2, 4 or 8 that keeps it at least `width` wide, and Lanczos 3 takes it the rest of the way:
 * what vips_thumbnail does, at two thirds of its time on 12-megapixel photos (it decodes at a
 * smaller shrink than it could), measured with bench/images. */
static VipsImage *jpeg_at_width(const char *path, int width) {
    VipsImage *head = vips_image_new_from_file(path, NULL);
    if (!head) {
        vips_error_clear();
        return NULL;
    }
    const char *loader = NULL;
    int jpeg = vips_image_get_string(head, "vips-loader", &loader) == 0 && loader && strncmp(loader, "jpegload", 8) == 0;
    int swap = vips_image_get_orientation_swap(head);
    /* Turning the photo upright reads it out of order: sequential only when it is upright already. */
    VipsAccess access = vips_image_get_orientation(head) > 1 ? VIPS_ACCESS_RANDOM : VIPS_ACCESS_SEQUENTIAL;
    int full = swap ? vips_image_get_height(head) : vips_image_get_width(head);
    g_object_unref(head);
    if (!jpeg) return NULL;
    int shrink = 1;
    for (int s = 8; s >= 2; s /= 2) {
        if ((full + s - 1) / s >= width) { shrink = s; break; }
    }
    VipsImage *loaded = NULL, *upright = NULL, *sized = NULL;
    if (vips_jpegload(path, &loaded, "shrink", shrink, "access", access, "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0) return NULL;
    int status = vips_autorot(loaded, &upright, NULL);
    g_object_unref(loaded);
    if (status != 0) return NULL;
    int w = vips_image_get_width(upright), h = vips_image_get_height(upright);
    if (w <= width) return upright;
    int height = (int) ((double) h * width / w + 0.5);
    status = vips_resize(upright, &sized, (double) width / w, "vscale", (double) (height < 1 ? 1 : height) / h, NULL);
    g_object_unref(upright);
    return status == 0 ? sized : NULL;
}

int bantin_photo_make(const char *path, bantin_photo_output *outputs, int count, int webp_quality, char *error, size_t error_size) {
    if (count < 1) return 0;
    VipsImage *thumb = jpeg_at_width(path, outputs[0].width);
    if (!thumb) vips_error_clear();
    if (!thumb && vips_thumbnail(path, &thumb, outputs[0].width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0) {
        take_error(error, error_size, "libvips could not read the photo's pixels (the file may be damaged or cut short)");
        return -1;
    }
    VipsImage *widest = vips_image_copy_memory(thumb);
    g_object_unref(thumb);
    if (!widest) {
        take_error(error, error_size, "libvips could not read the photo's pixels (the file may be damaged or cut short)");
        return -1;
    }
    if (!(widest = for_the_web(widest, error, error_size))) return -1;
    /* Each width is made from the one before it (widest first): resizing 960 → 480 costs a
     * quarter of 1600 → 480, and the result is as sharp. */
    VipsImage *from = widest;
    g_object_ref(from);
    for (int i = 0; i < count; i++) {
        int width = outputs[i].width < vips_image_get_width(widest) ? outputs[i].width : vips_image_get_width(widest);
        VipsImage *made = in_memory(width <= vips_image_get_width(from) ? from : widest, width);
        if (!made) {
            g_object_unref(from);
            g_object_unref(widest);
            remove_outputs(outputs, i);
            take_error(error, error_size, "libvips could not resize the photo");
            return -1;
        }
        const char *paths[3] = { outputs[i].jpeg_path, outputs[i].png_path, outputs[i].webp_path };
        const int formats[3] = { BANTIN_JPEG, BANTIN_PNG, BANTIN_WEBP };
        const int qualities[3] = { outputs[i].jpeg_quality, 0, webp_quality };
        for (int f = 0; f < 3; f++) {
            if (!paths[f]) continue;
            if (save(made, formats[f], paths[f], qualities[f]) != 0) {
                g_object_unref(made);
                g_object_unref(from);
                g_object_unref(widest);
                remove_outputs(outputs, i);
                take_error(error, error_size, "libvips could not write the photo");
                return -1;
            }
        }
        outputs[i].made_width = vips_image_get_width(made);
        outputs[i].made_height = vips_image_get_height(made);
        g_object_unref(from);
        from = made;
    }
    g_object_unref(from);
    g_object_unref(widest);
    return 0;
}

int bantin_photo_sample(const char *path, int width, int height, int alpha, int seed, char *error, size_t error_size) {
    VipsImage *base = vips_image_new();
    VipsImage **t = (VipsImage **) vips_object_local_array((VipsObject *) base, 8);
    double scale[2] = { 255.0 / width, 255.0 / height };
    double zero[2] = { 0, 0 };
    int status =
        vips_xyz(&t[0], width, height, NULL) ||
        vips_linear(t[0], &t[1], scale, zero, 2, NULL) ||
        vips_gaussnoise(&t[2], width, height, "mean", 0.0, "sigma", 18.0, "seed", seed, NULL) ||
        vips_add(t[1], t[2], &t[3], NULL);
    if (!status) {
        VipsImage *bands[3] = { NULL, NULL, NULL };
        status = vips_extract_band(t[3], &bands[0], 0, NULL) || vips_extract_band(t[3], &bands[1], 1, NULL) ||
                 vips_linear1(bands[0], &bands[2], -1.0, 255.0, NULL);
        if (!status) {
            VipsImage *joined = NULL;
            VipsImage *in[3] = { bands[0], bands[1], bands[2] };
            status = vips_bandjoin(in, &joined, 3, NULL);
            if (!status) t[4] = joined;
        }
        for (int i = 0; i < 3; i++) if (bands[i]) g_object_unref(bands[i]);
    }
    if (!status && alpha) status = vips_bandjoin_const1(t[4], &t[5], 160.0, NULL);
    VipsImage *last = !status ? (alpha ? t[5] : t[4]) : NULL;
    if (!status) status = vips_cast_uchar(last, &t[6], NULL) || vips_copy(t[6], &t[7], "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    if (!status) status = vips_image_write_to_file(t[7], path, NULL);
    if (status) take_error(error, error_size, "libvips could not make the sample photo");
    g_object_unref(base);
    return status ? -1 : 0;
}
