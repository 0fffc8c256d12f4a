#include "kiosk/images.h"

#include "kiosk/image.h"
#include "kiosk/mem.h"

#include <SDL.h>
#include <SDL_image.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ENTRIES = 64 };

/* One image at one size. The worker fills `surface`; the UI thread turns it into `texture`. */
typedef struct {
  const void *data; /* key: the encoded bytes (owned by the content) and the size shown */
  size_t size;
  int w, h;
  ks_image_state state;
  bool queued;          /* waiting for the worker */
  SDL_Surface *surface; /* decoded and scaled, not yet uploaded */
  SDL_Texture *texture;
  bool counted;       /* its pixels count toward the budget (uploaded) */
  uint64_t last_used; /* for eviction, in get() calls */
} entry;

struct ks_images {
  SDL_Renderer *renderer;
  size_t budget, used; /* bytes of scaled pixels kept */
  entry entries[MAX_ENTRIES];
  uint64_t clock;
  pthread_t worker;
  pthread_mutex_t lock; /* guards entries' state, queued and surface, and the flags below */
  pthread_cond_t wake, idle;
  bool stop, changed, busy;
};

/* Decodes and scales one image to fill w×h (cropping the longer side). NULL when it will not. */
static SDL_Surface *decode(const void *data, size_t size, int w, int h) {
  ks_image_type type = ks_image_sniff(data, size);
  int iw, ih;
  if (type == KS_IMAGE_UNKNOWN || !ks_image_dimensions(data, size, type, &iw, &ih) ||
      iw > KS_IMAGE_MAX_SIDE || ih > KS_IMAGE_MAX_SIDE || size > INT32_MAX)
    return NULL; /* not an image a pack may hold: refuse before decoding anything */
  SDL_RWops *rw = SDL_RWFromConstMem(data, (int)size);
  SDL_Surface *raw = rw ? IMG_LoadTyped_RW(rw, 1, type == KS_IMAGE_PNG ? "PNG" : "JPG") : NULL;
  if (!raw)
    return NULL;
  SDL_Surface *src = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(raw);
  SDL_Surface *out =
      src ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
  if (out) {
    /* The part of the source with the shown proportions, centred. */
    SDL_Rect crop = {0, 0, src->w, src->h};
    if ((long)src->w * h > (long)src->h * w)
      crop.w = (int)((long)src->h * w / h), crop.x = (src->w - crop.w) / 2;
    else
      crop.h = (int)((long)src->w * h / w), crop.y = (src->h - crop.h) / 2;
    if (SDL_SoftStretchLinear(src, &crop, out, NULL) != 0) {
      SDL_FreeSurface(out);
      out = NULL;
    }
  }
  SDL_FreeSurface(src);
  return out;
}

static void *work(void *arg) {
  ks_images *im = arg;
  pthread_mutex_lock(&im->lock);
  while (!im->stop) {
    entry *job = NULL;
    for (int i = 0; i < MAX_ENTRIES && !job; i++)
      if (im->entries[i].queued)
        job = &im->entries[i];
    if (!job) {
      im->busy = false;
      pthread_cond_broadcast(&im->idle);
      pthread_cond_wait(&im->wake, &im->lock);
      continue;
    }
    im->busy = true;
    const void *data = job->data;
    size_t size = job->size;
    int w = job->w, h = job->h;
    pthread_mutex_unlock(&im->lock);
    SDL_Surface *s = decode(data, size, w, h); /* the slow part, unlocked */
    pthread_mutex_lock(&im->lock);
    /* The entry may have been evicted and reused meanwhile: only fill it if it is still ours. */
    if (job->queued && job->data == data && job->w == w && job->h == h) {
      job->queued = false;
      job->surface = s;
      job->state = s ? KS_IMAGE_READY : KS_IMAGE_BROKEN;
      im->changed = true;
    } else {
      SDL_FreeSurface(s);
    }
  }
  pthread_mutex_unlock(&im->lock);
  /* SDL keeps per-thread state (the error message of a failed decode) that only its own threads
   * free on exit. */
  SDL_TLSCleanup();
  return NULL;
}

ks_images *ks_images_create(SDL_Renderer *renderer, size_t budget_bytes) {
  ks_images *im = ks_xcalloc(1, sizeof *im);
  im->renderer = renderer;
  im->budget = budget_bytes;
  pthread_mutex_init(&im->lock, NULL);
  pthread_cond_init(&im->wake, NULL);
  pthread_cond_init(&im->idle, NULL);
  if (pthread_create(&im->worker, NULL, work, im) != 0) {
    fprintf(stderr, "kiosk: cannot start the image worker thread; giving up\n");
    abort();
  }
  return im;
}

static void drop(ks_images *im, entry *e) {
  if (e->texture)
    SDL_DestroyTexture(e->texture);
  SDL_FreeSurface(e->surface);
  if (e->counted)
    im->used -= (size_t)e->w * (size_t)e->h * 4;
  memset(e, 0, sizeof *e);
}

void ks_images_destroy(ks_images *im) {
  if (!im)
    return;
  pthread_mutex_lock(&im->lock);
  im->stop = true;
  pthread_cond_signal(&im->wake);
  pthread_mutex_unlock(&im->lock);
  pthread_join(im->worker, NULL);
  for (int i = 0; i < MAX_ENTRIES; i++)
    drop(im, &im->entries[i]);
  pthread_cond_destroy(&im->wake);
  pthread_cond_destroy(&im->idle);
  pthread_mutex_destroy(&im->lock);
  free(im);
}

ks_image_state ks_images_get(ks_images *im, const void *data, size_t size, int w, int h,
                             SDL_Texture **texture) {
  *texture = NULL;
  if (!data || w <= 0 || h <= 0)
    return KS_IMAGE_BROKEN;
  pthread_mutex_lock(&im->lock);
  im->clock++;
  entry *e = NULL, *free_slot = NULL, *oldest = NULL;
  for (int i = 0; i < MAX_ENTRIES; i++) {
    entry *c = &im->entries[i];
    if (c->data == data && c->w == w && c->h == h)
      e = c;
    else if (!c->data && !free_slot)
      free_slot = c;
    else if (c->data && !c->queued && (!oldest || c->last_used < oldest->last_used))
      oldest = c;
  }
  if (!e) {
    e = free_slot ? free_slot : oldest;
    if (!e) { /* every slot waits for the worker: try again next frame */
      pthread_mutex_unlock(&im->lock);
      return KS_IMAGE_LOADING;
    }
    drop(im, e);
    *e = (entry){.data = data, .size = size, .w = w, .h = h, .queued = true};
    pthread_cond_signal(&im->wake);
  }
  e->last_used = im->clock;
  if (e->state == KS_IMAGE_READY && e->surface) {
    /* Ready: upload once (on this, the UI thread), then keep only the texture. */
    size_t bytes = (size_t)w * (size_t)h * 4;
    for (int i = 0; i < MAX_ENTRIES && im->used + bytes > im->budget; i++) {
      entry *victim = NULL;
      for (int k = 0; k < MAX_ENTRIES; k++) {
        entry *c = &im->entries[k];
        if (c != e && c->state == KS_IMAGE_READY && (!victim || c->last_used < victim->last_used))
          victim = c;
      }
      if (!victim)
        break;
      drop(im, victim);
    }
    im->used += bytes;
    e->counted = true;
    if (im->renderer) {
      e->texture = SDL_CreateTextureFromSurface(im->renderer, e->surface);
      if (e->texture)
        SDL_SetTextureScaleMode(e->texture, SDL_ScaleModeLinear);
    }
    SDL_FreeSurface(e->surface);
    e->surface = NULL;
  }
  ks_image_state state = e->state;
  *texture = e->texture;
  pthread_mutex_unlock(&im->lock);
  return state;
}

bool ks_images_changed(ks_images *im) {
  pthread_mutex_lock(&im->lock);
  bool changed = im->changed;
  im->changed = false;
  pthread_mutex_unlock(&im->lock);
  return changed;
}

void ks_images_settle(ks_images *im) {
  pthread_mutex_lock(&im->lock);
  for (;;) {
    bool pending = im->busy;
    for (int i = 0; i < MAX_ENTRIES && !pending; i++)
      pending = im->entries[i].queued;
    if (!pending)
      break;
    pthread_cond_wait(&im->idle, &im->lock);
  }
  pthread_mutex_unlock(&im->lock);
}
