/* kiosk bench: the figures the kiosk's budgets are checked against, measured on scripted
 * scenarios, printed — never asserted here (timings vary; budgets are read by people and CI). */
#include "args.h"
#include "cli.h"

#include "kiosk/gesture.h"
#include "kiosk/kiosk.h"
#include "kiosk/service.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum {
  FLING_SECONDS = 10,
  FRAME_HZ = 60,
  IDLE_SECONDS = 10,
  PACING_SECONDS = 3,
  CLOSED_SECONDS = 10,
  ATTRACT_SECONDS = 10,
  ATTRACT_HZ = 30 /* the rate the attract loop asks for (app/ui/screens/attract.c) */
};

static double now_ms(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct {
  double start_ms;       /* when main() began */
  double first_frame_ms; /* since then */
  ks_window *win;
  ks_window_stats at_first;
  ks_session *session;
} first_frame_probe;

/* Called once the first frame is presented: the end of what tests/bench/callgrind.sh counts as
 * the start-up (it dumps its counts on entering this function, which must stay a function of
 * its own). Then the map is loaded, as `kiosk` does: after the first frame, not before it. */
__attribute__((noinline, noclone)) void ks_bench_first_frame(void *ctx);
__attribute__((noinline, noclone)) void ks_bench_first_frame(void *ctx) {
  first_frame_probe *p = ctx;
  p->first_frame_ms = now_ms(CLOCK_MONOTONIC) - p->start_ms;
  p->at_first = ks_window_stats_get(p->win);
  ks_session_attach_map(p->session);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* One frame of the fling: what callgrind counts (tests/bench/callgrind.sh collects inside this
 * function only and dumps after each call), so it must stay a function of its own. */
__attribute__((noinline, noclone)) void ks_bench_frame(ks_ui *ui, ks_gfx *gfx, float dt);
__attribute__((noinline, noclone)) void ks_bench_frame(ks_ui *ui, ks_gfx *gfx, float dt) {
  ks_ui_tick(ui, dt);
  ks_ui_draw(ui, gfx);
}

static void present(void *win) { ks_window_present(win); }

/* Every screen, every exhibit, both languages, drawn and presented in the real window: the
 * peak memory of a kiosk that visitors have taken everywhere. */
static void bench_tour(ks_window *win, ks_ui *ui) {
  int w, h;
  ks_window_size(win, &w, &h);
  ks_gfx *gfx = ks_gfx_create(ks_window_renderer(win), w, h, 2);
  double t0 = now_ms(CLOCK_MONOTONIC);
  size_t screens = ks_ui_tour(ui, gfx, present, win);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("tour       %zu screens drawn and presented in %.0f ms; peak RSS so far %.1f MB\n",
         screens, now_ms(CLOCK_MONOTONIC) - t0, ru.ru_maxrss / 1024.0);
  ks_gfx_destroy(gfx);
}

/* Throws the timeline with a quick drag, as a finger would: 0.3 screen units in 100 ms. */
static void throw_timeline(ks_ui *ui, ks_gesture_machine *gm, uint32_t *t, float dir) {
  float x = dir > 0 ? 0.4f : 1.3f;
  ks_touch ev = {KS_TOUCH_DOWN, 1, x, 0.6f, *t};
  ks_gesture g[4];
  size_t n;
  for (int i = 0; i <= 6; i++) {
    ev.type = i == 0 ? KS_TOUCH_DOWN : i == 6 ? KS_TOUCH_UP : KS_TOUCH_MOVE;
    ev.x = x + dir * 0.06f * (float)(i < 5 ? i : 5);
    ev.t_ms = *t += 16;
    n = ks_gesture_feed(gm, &ev, g);
    for (size_t k = 0; k < n; k++)
      ks_ui_gesture(ui, &g[k]);
  }
}

/* Throws the timeline twice a second from the loop's tick, one way then the other. */
typedef struct {
  ks_gesture_machine *gm;
  uint32_t t;
  uint64_t next_throw_ms;
  float dir;
} thrower;

static ks_ui *throw_on_tick(void *ctx, ks_ui *ui, bool *redraw) {
  thrower *th = ctx;
  uint64_t now = ks_window_ticks();
  if (now >= th->next_throw_ms) {
    th->t = (uint32_t)now;
    throw_timeline(ui, th->gm, &th->t, th->dir);
    th->dir = -th->dir;
    th->next_throw_ms = now + 500;
    *redraw = true;
  }
  return NULL;
}

/* Frames presented a second by the kiosk's own loop while the timeline is flung for
 * PACING_SECONDS in the headless window: SDL's software renderer on the offscreen driver, whose
 * present never waits for a display, so only the loop's own pacing holds it to the refresh. */
static void bench_pacing(ks_window *win, ks_ui *ui) {
  ks_ui_set_idle_timeout(ui, 0);
  ks_ui_show(ui, KS_SCREEN_TIMELINE, NULL);
  thrower th = {.gm = ks_gesture_create(), .dir = -1.0f};
  ks_kiosk_hooks hooks = {.tick = throw_on_tick, .tick_ms = 100, .ctx = &th};
  ks_window_stats before = ks_window_stats_get(win);
  double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
  ks_kiosk_run(win, ui, PACING_SECONDS * 1000, &hooks);
  double secs = (now_ms(CLOCK_MONOTONIC) - t0) / 1000.0;
  double cpu = (now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1000.0;
  ks_window_stats after = ks_window_stats_get(win);
  printf("pacing     %.1f s of flings in the loop (offscreen, software): %.1f frames presented a "
         "second, %.2f of a core\n",
         secs, (double)(after.presents - before.presents) / secs, cpu / secs);
  ks_gesture_destroy(th.gm);
}

/* The attract loop for ATTRACT_SECONDS in the kiosk's own loop, in the headless window: what it
 * costs through the hours nobody touches the kiosk — the process's CPU time over the wall time
 * (SDL's software renderer on the offscreen driver: rasterising included, which a board's GPU
 * does), frames presented and wake-ups a second. Then its frames on the null backend, as the
 * fling's are measured: the kiosk's own work a frame (the flight over the map, the highlight,
 * the years, the call), without the rasteriser. */
static void bench_attract(ks_window *win, ks_ui *ui, ks_session *session, int w, int h) {
  ks_ui_show(ui, KS_SCREEN_ATTRACT, NULL);
  ks_window_stats before = ks_window_stats_get(win);
  double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
  ks_kiosk_run(win, ui, ATTRACT_SECONDS * 1000, NULL);
  double secs = (now_ms(CLOCK_MONOTONIC) - t0) / 1000.0;
  double cpu = (now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1000.0;
  ks_window_stats after = ks_window_stats_get(win);
  printf("attract    %.1f s of the attract loop in the loop (offscreen %dx%d, software): %.1f "
         "frames presented a second, %.1f wake-ups a second, %.3f of a core\n",
         secs, w, h, (double)(after.presents - before.presents) / secs,
         (double)(after.wakeups - before.wakeups) / secs, cpu / secs);
  ks_gfx *gfx = ks_gfx_create(NULL, w, h, 2);
  ks_ui *own = ks_session_new_ui(session, NULL, "zh");
  ks_ui_show(own, KS_SCREEN_ATTRACT, NULL);
  const int frames = ATTRACT_SECONDS * ATTRACT_HZ;
  const float dt = 1.0f / ATTRACT_HZ;
  for (int i = 0; i < frames; i++) /* warm-up: the glyphs of a round of highlights */
    ks_bench_frame(own, gfx, dt);
  double *each = malloc(sizeof(double) * frames), total = 0;
  for (int i = 0; i < frames; i++) {
    double c = now_ms(CLOCK_THREAD_CPUTIME_ID);
    ks_bench_frame(own, gfx, dt);
    each[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c;
    total += each[i];
  }
  qsort(each, (size_t)frames, sizeof *each, cmp_double);
  printf("  own work            p50 %.3f ms, p99 %.3f ms a frame (null backend); %.4f of a core "
         "at %d frames a second\n",
         each[frames / 2], each[frames * 99 / 100], total / (ATTRACT_SECONDS * 1000.0), ATTRACT_HZ);
  free(each);
  ks_ui_destroy(own);
  ks_gfx_destroy(gfx);
}

/* The figures of a run of the service, from its first tick to its last. */
typedef struct {
  bool started;
  double t0_ms, cpu0_ms, t_ms, cpu_ms;
  ks_window_stats first, last;
} service_probe;

static void probe_service(void *ctx, ks_window *win) {
  service_probe *p = ctx;
  p->t_ms = now_ms(CLOCK_MONOTONIC);
  p->cpu_ms = now_ms(CLOCK_PROCESS_CPUTIME_ID);
  p->last = ks_window_stats_get(win);
  if (!p->started) {
    p->started = true;
    p->t0_ms = p->t_ms, p->cpu0_ms = p->cpu_ms, p->first = p->last;
  }
}

/* The service itself, headless, CLOSED_SECONDS after its start: `closed` outside its opening
 * hours (every day closed), else open with the attract loop running from the first second —
 * what a kiosk cost through a closed night before it had opening hours. */
static bool bench_service(const char *pack_path, bool closed) {
  ks_service_opts o = {.pack = pack_path,
                       .windowed = true,
                       .headless = true,
                       .max_ms = CLOSED_SECONDS * 1000,
                       .probe = probe_service};
  service_probe p = {0};
  o.probe_ctx = &p;
  ks_config_defaults(&o.config);
  o.config.data_dir[0] = '\0'; /* the pack alone: no stick watch, fleet or statistics */
  o.config.idle_timeout = 1;
  for (int d = 0; closed && d < 7; d++)
    o.config.schedule.n_ranges[d] = 0;
  if (ks_service_run(&o) != 0 || !p.started)
    return false;
  double secs = (p.t_ms - p.t0_ms) / 1000.0;
  double frames = (double)(p.last.presents - p.first.presents);
  double wakeups = (double)(p.last.wakeups - p.first.wakeups) / secs;
  double core = (p.cpu_ms - p.cpu0_ms) / (p.t_ms - p.t0_ms);
  if (closed)
    printf("closed     %.1f s closed, dark (offscreen 1280x720): %.0f frames presented after the "
           "black one, %.1f wake-ups a second, %.4f of a core\n",
           secs, frames, wakeups, core);
  else
    printf("attract    %.1f s open, in the attract loop (offscreen 1280x720): %.0f frames "
           "presented, %.1f wake-ups a second, %.4f of a core\n",
           secs, frames, wakeups, core);
  return true;
}

/* The per-frame cost of a long fling across the timeline, on the null backend: the kiosk's own
 * work (layout, shaping, batching), without the rasteriser. */
static void bench_fling(ks_session *session, int w, int h) {
  ks_gfx *gfx = ks_gfx_create(NULL, w, h, 2);
  ks_ui *ui = ks_session_new_ui(session, NULL, "zh");
  ks_ui_set_idle_timeout(ui, 0);
  ks_gesture_machine *gm = ks_gesture_create();
  ks_ui_show(ui, KS_SCREEN_TIMELINE, NULL);
  uint32_t t = 0;
  const float dt = 1.0f / FRAME_HZ;
  /* Warm-up: throws to the far end of the timeline and back, so that every glyph on it is in the
   * atlas (the kiosk's steady state once a visitor has looked around). */
  for (int pass = 0; pass < 2; pass++)
    for (int n = 0; n < 12; n++) {
      throw_timeline(ui, gm, &t, pass ? 1.0f : -1.0f);
      for (int i = 0; i < FRAME_HZ * 3 / 2; i++)
        ks_bench_frame(ui, gfx, dt);
    }
  ks_gfx_stats_take(gfx);
  const int frames = FLING_SECONDS * FRAME_HZ;
  double *cpu = malloc(sizeof(double) * frames), total_cpu = 0;
  uint64_t glyphs = 0, max_upload = 0, calls = 0, max_calls = 0;
  for (int i = 0; i < frames; i++) {
    if (i % (FRAME_HZ * 3 / 2) == 0) /* a new throw every 1.5 s, alternating */
      throw_timeline(ui, gm, &t, (i / (FRAME_HZ * 3 / 2)) % 2 ? 1.0f : -1.0f);
    double c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
    ks_bench_frame(ui, gfx, dt);
    cpu[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
    total_cpu += cpu[i];
    ks_gfx_stats s = ks_gfx_stats_take(gfx);
    glyphs += s.glyphs_rasterised;
    calls += s.draw_calls;
    max_upload = s.upload_bytes > max_upload ? s.upload_bytes : max_upload;
    max_calls = s.draw_calls > max_calls ? s.draw_calls : max_calls;
  }
  qsort(cpu, (size_t)frames, sizeof *cpu, cmp_double);
  printf("fling      %d frames over %d s at %d Hz across the timeline (null backend, after "
         "warm-up)\n",
         frames, FLING_SECONDS, FRAME_HZ);
  printf("  glyphs rasterised   %llu in all\n", (unsigned long long)glyphs);
  printf("  uploaded per frame  %llu bytes at most\n", (unsigned long long)max_upload);
  printf("  draw calls          %.1f a frame on average, %llu at most\n", (double)calls / frames,
         (unsigned long long)max_calls);
  printf("  CPU per frame       p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", cpu[frames / 2],
         cpu[frames * 99 / 100], cpu[frames - 1]);
  printf("  CPU share           %.4f of a core for the %d s fling\n",
         total_cpu / (FLING_SECONDS * 1000.0), FLING_SECONDS);
  free(cpu);
  ks_gesture_destroy(gm);
  ks_ui_destroy(ui);
  ks_gfx_destroy(gfx);
}

enum { OPT_PACK = 1, OPT_SIZE, OPT_ONLY };

static const ks_cli_opt bench_opts[] = {
    {OPT_PACK, "--pack", "FILE.kpack", "the pack (default: the bundled one)"},
    {OPT_SIZE, "--size", "WxH", "the headless screen (default 1920x1080)"},
    {OPT_ONLY, "--only", "WHAT",
     "one figure: first-frame, idle, tour, pacing, attract, fling or closed"},
    {0}};

static const ks_cli_cmd bench_cmd = {
    .name = "bench",
    .synopsis = "[--pack FILE.kpack] [--size WxH]\n"
                "[--only first-frame|idle|tour|pacing|attract|fling|closed]",
    .about = "Prints start-up, idle, attract loop, fling and memory figures, headless.\n",
    .opts = bench_opts};

int ks_cmd_bench(int argc, char **argv, double main_start_ms) {
  const char *pack_path = NULL;
  int w = 1920, h = 1080;
  bool idle = true, fling = true, first = true, tour = true, pacing = true, closed = false,
       attract = true;
  ks_cli *cli = ks_cli_begin(&bench_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == OPT_PACK) {
      pack_path = v;
    } else if (opt == OPT_SIZE) {
      if (sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 7680)
        ks_cli_fail(cli, "--size takes WxH between 320x240 and 7680x7680");
    } else if (opt == OPT_ONLY && strcmp(v, "closed") == 0) {
      closed = true;
    } else if (opt == OPT_ONLY) {
      tour = strcmp(v, "tour") == 0;
      pacing = strcmp(v, "pacing") == 0;
      attract = strcmp(v, "attract") == 0;
      first = strcmp(v, "first-frame") == 0 || strcmp(v, "idle") == 0 || tour || pacing || attract;
      idle = strcmp(v, "idle") == 0;
      fling = strcmp(v, "fling") == 0;
      if (!first && !fling)
        ks_cli_fail(cli, "--only takes first-frame, idle, tour, pacing, attract, fling or closed");
    }
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (closed) /* the service's own start, twice: open in the attract loop, then closed */
    return bench_service(pack_path, false) && bench_service(pack_path, true) ? 0 : 1;
  /* The start-up path, exactly as `kiosk` takes it, in a headless window. */
  ks_session *session =
      ks_session_open(&(ks_session_opts){.cmd = "bench",
                                         .pack = pack_path,
                                         .lang = "zh",
                                         .target = first ? KS_SESSION_HEADLESS : KS_SESSION_NONE,
                                         .width = w,
                                         .height = h,
                                         .map_later = true});
  if (!session)
    return 1; /* said why */
  printf("kiosk bench at %dx%d\n", w, h);
  if (first) {
    ks_window *win = ks_session_window(session);
    first_frame_probe probe = {.start_ms = main_start_ms, .win = win, .session = session};
    double t0 = now_ms(CLOCK_MONOTONIC);
    ks_kiosk_hooks hooks = {.first_frame = ks_bench_first_frame, .ctx = &probe};
    ks_kiosk_run(win, ks_session_ui(session), idle ? (uint64_t)(IDLE_SECONDS * 1000) : 1, &hooks);
    double run_ms = now_ms(CLOCK_MONOTONIC) - t0 - (probe.first_frame_ms - (t0 - main_start_ms));
    ks_window_stats end = ks_window_stats_get(win);
    printf("first frame  %.1f ms from main() to the first frame presented\n", probe.first_frame_ms);
    if (idle) {
      double secs = run_ms / 1000.0;
      printf("idle       %.1f s at rest on home: %llu frames presented, %.1f wake-ups a "
             "second\n",
             secs, (unsigned long long)(end.presents - probe.at_first.presents),
             (double)(end.wakeups - probe.at_first.wakeups) / secs);
    }
    if (tour)
      bench_tour(win, ks_session_ui(session));
    if (pacing)
      bench_pacing(win, ks_session_ui(session));
    if (attract)
      bench_attract(win, ks_session_ui(session), session, w, h);
  }
  if (fling)
    bench_fling(session, w, h);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  struct mallinfo2 mi = mallinfo2();
  printf("memory     peak RSS %.1f MB; heap in use at the end %.1f MB\n", ru.ru_maxrss / 1024.0,
         (double)mi.uordblks / (1024.0 * 1024.0));
  ks_session_close(session);
  return 0;
}
