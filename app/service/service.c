#define _DEFAULT_SOURCE /* timegm: KIOSK_TEST_NOW read as a calendar time without a time zone */
/* The kiosk as it runs in a hall: the pack the data folder shows (or the bundled one), a watch on
 * the mount points for sticks carrying packs, installs on a thread of their own with the screens
 * reloaded in place, visitor statistics, and systemd's watchdog fed from the render loop. */
#include "kiosk/service.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/fleet.h"
#include "kiosk/font.h"
#include "kiosk/install.h"
#include "kiosk/install_job.h"
#include "kiosk/kiosk.h"
#include "kiosk/mem.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"
#include "kiosk/stats.h"
#include "kiosk/ui.h"
#include "kiosk/watch.h"
#include "kiosk/window.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

enum { WATCH_EVERY_MS = 2000, MAX_FOUND = 8 };

/* How long the start, up to the first frame, may take before the watchdog calls it a hang (the
 * unit's TimeoutStartSec, 90 s by default, usually ends a stuck start first). */
#define KS_START_WATCHDOG_US 120000000ull

/* A pack opened for showing, or a new day of the one shown: what the loop takes over. */
typedef struct {
  ks_pack *pack;  /* an installed pack, or NULL with a new day of the pack shown */
  char today[16]; /* the day its UI shows, YYYY-MM-DD */
} shown;

typedef struct {
  const ks_service_opts *run;
  ks_session *session; /* the fonts, the window, the pack shown and its UI */
  const char *fonts_dir;
  shown next;     /* an installed pack whose UI the loop is taking over, until it is adopted */
  ks_ui *next_ui; /* that UI */
  /* The stick watch. */
  ks_watcher *watcher;   /* scans the mount points on its own thread; NULL without a data folder */
  ks_found_pack offered; /* the pack the notice offers (path empty: none) */
  ks_found_pack handled; /* installed, refused or closed: not offered again until it changes */
  ks_install_job *job;
  ks_fleet *fleet; /* fleet: the hall's shared folder (kiosk/fleet.h); NULL without one */
  /* Visitor statistics: what has been on screen since when. */
  ks_stats *stats;
  char visit[KS_STATS_MAX_EXHIBIT + 1];
  char visit_lang[36];       /* the tag of the language of the visit */
  int64_t visit_since;       /* wall clock, for the record */
  uint64_t visit_since_ms;   /* monotonic, for the duration */
  int tick_ms;               /* how often the loop calls at rest; the watchdog is fed this often */
  uint64_t next_watchdog_ms; /* when the watchdog is next due (0: at the first tick) */
  uint64_t watchdog_us;      /* the unit's WatchdogSec, restored once started; 0: none */
  const char *roots[KS_CONFIG_MAX_WATCH]; /* the configuration's watch folders */
  /* Opening hours. */
  bool dark;                /* closed and unlit: nothing drawn */
  uint64_t last_touch_ms;   /* monotonic; 0: no touch yet */
  bool test_clock;          /* KIOSK_TEST_NOW: the wall clock starts at test_wall_s */
  int64_t test_wall_s;      /* that wall-clock time, as seconds of a UTC calendar */
  uint64_t test_started_ms; /* when the loop began (0: not yet): it runs on from there */
  char today[16];           /* the day shown, YYYY-MM-DD: exhibits' show_from and show_until */
} service;

static uint64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- statistics ----------------------------------------------------------------------------- */

/* Notes what is on screen now; when it changed, the visit to what was there before is recorded.
 * The attract loop is nobody's visit. */
static void track_visit(service *s, const ks_ui *ui, bool force_end) {
  if (!s->stats)
    return;
  char now[KS_STATS_MAX_EXHIBIT + 1] = "";
  ks_screen_id screen = ks_ui_screen(ui);
  if (!force_end && screen != KS_SCREEN_ATTRACT) {
    const char *id = ks_ui_exhibit(ui);
    snprintf(now, sizeof now, "%s", id ? id : ks_screen_name(screen));
  }
  const char *lang = ks_ui_lang_tag(ui);
  if (strcmp(now, s->visit) == 0 && strcmp(lang, s->visit_lang) == 0)
    return;
  uint64_t t = mono_ms();
  if (s->visit[0]) {
    char err[256];
    double seconds = (double)(t - s->visit_since_ms) / 1000.0;
    if (!ks_stats_record(s->stats, s->visit, s->visit_lang, s->visit_since, seconds, err,
                         sizeof err))
      ks_diag_log(stderr, "kiosk: statistics: %s", err);
  }
  snprintf(s->visit, sizeof s->visit, "%s", now);
  snprintf(s->visit_lang, sizeof s->visit_lang, "%s", lang);
  s->visit_since = (int64_t)time(NULL);
  s->visit_since_ms = t;
}

/* Writes the statistics beside the pack on the stick, flushed to it before the notice says so. */
static void export_stats(service *s, ks_ui *ui) {
  char dir[KS_WATCH_PATH], path[KS_WATCH_PATH + 64], err[512], zh[2048], en[2048];
  snprintf(dir, sizeof dir, "%s", s->offered.path);
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  snprintf(path, sizeof path, "%s/kiosk-stats-%04d%02d%02d-%02d%02d.csv", dirname(dir),
           tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
  int64_t visits = 0;
  if (ks_stats_export_csv(s->stats, path, &visits, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk: wrote %lld visits to %s", (long long)visits, path);
    /* Said only now: the export returns once the stick's file system is flushed whole. */
    snprintf(zh, sizeof zh, "已将 %lld 次参观记录写入U盘：%s。现在可以拔出U盘。", (long long)visits,
             path);
    snprintf(en, sizeof en,
             "Wrote %lld visits to the stick: %s. It is safe to remove the stick now.",
             (long long)visits, path);
  } else {
    ks_diag_log(stderr, "kiosk: cannot export statistics: %s", err);
    snprintf(zh, sizeof zh, "无法导出统计：%s（U盘须可写）", err);
    snprintf(en, sizeof en, "Cannot export the statistics: %s (the stick must be writable)", err);
  }
  ks_ui_set_notice(ui, zh, en, -1, KS_NOTICE_DISMISS);
}

/* ---- sticks and installs -------------------------------------------------------------------- */

static const char installing_zh[] = "正在安装内容包……",
                  installing_en[] = "Installing the content pack…";

/* The file name of a path on a stick, for a notice. */
static const char *file_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static bool same_file(const ks_found_pack *a, const ks_found_pack *b) {
  return strcmp(a->path, b->path) == 0 && a->size == b->size && a->mtime == b->mtime;
}

/* DATA_DIR/installed-from names the stick file the shown pack came from (size, mtime, path), so
 * that a stick left in is not offered again after a restart: visitors would see the notice. */
static void installed_from_path(const service *s, char *out, size_t size) {
  snprintf(out, size, "%s/installed-from", s->run->config.data_dir);
}

/* Written whole to a new file (DIR/installed-from.tmp-RANDOM, never through a link) and renamed
 * over the old one; a temporary file left by a crash is removed by ks_install_recover. */
static void remember_source(const service *s, const ks_found_pack *f) {
  char path[KS_CONFIG_PATH + 32], tmp[KS_CONFIG_PATH + 64], line[KS_WATCH_PATH + 64];
  installed_from_path(s, path, sizeof path);
  int n = snprintf(line, sizeof line, "%lld %lld %s\n", (long long)f->size, (long long)f->mtime,
                   f->path);
  int fd = ks_file_create_temp(s->run->config.data_dir, "installed-from.tmp-", 0644, NULL, NULL,
                               tmp, sizeof tmp);
  if (fd < 0)
    return; /* only a convenience: the install itself is done */
  bool ok = n > 0 && (size_t)n < sizeof line && write(fd, line, (size_t)n) == n;
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp, path) != 0)
    unlink(tmp);
}

static void recall_source(const service *s, ks_found_pack *f) {
  char path[KS_CONFIG_PATH + 32], err[256];
  installed_from_path(s, path, sizeof path);
  size_t size;
  char *text = ks_file_read(path, KS_WATCH_PATH + 64, &size, err, sizeof err);
  long long bytes, mtime;
  int at = 0;
  if (text && sscanf(text, "%lld %lld %n", &bytes, &mtime, &at) == 2 && at > 0) {
    text[strcspn(text, "\n")] = '\0';
    snprintf(f->path, sizeof f->path, "%s", text + at);
    f->size = bytes;
    f->mtime = mtime;
  }
  free(text);
}

static void start_install(service *s, ks_ui *ui) {
  const ks_config *c = &s->run->config;
  ks_install_opts o = {.data_dir = c->data_dir,
                       .keys = c->keys,
                       .n_keys = c->n_keys,
                       .allow_unsigned = c->allow_unsigned,
                       .fonts_dir = s->fonts_dir,
                       .vet_stamp = KS_VET_STAMP};
  ks_diag_log(stderr, "kiosk: installing %s", s->offered.path);
  s->job = ks_install_job_start(s->offered.path, &o);
  ks_ui_set_notice(ui, installing_zh, installing_en, 0, 0);
}

/* Follows a running install; on success opens the new pack and returns the UI for it. */
static ks_ui *follow_install(service *s, ks_ui *ui, bool *redraw) {
  double progress;
  bool ok;
  ks_refusal why = {0};
  char zh[2400], en[2400];
  if (!ks_install_job_poll(s->job, &progress, &ok, &why)) {
    ks_ui_set_notice(ui, installing_zh, installing_en, (float)progress, 0);
    *redraw = true;
    return NULL;
  }
  ks_install_job_destroy(s->job);
  s->job = NULL;
  s->handled = s->offered; /* handled: not offered again while it stays the same */
  *redraw = true;
  bool from_fleet = ks_fleet_installed(s->fleet, &s->offered, ok, &why); /* fleet: reported */
  if (!ok && ((why.already_shown && s->run->config.auto_install) || from_fleet)) {
    /* The stick still holds the pack installed from it (the kiosk restarted, say): nothing to
     * say on screen; the log has it. */
    ks_ui_set_notice(ui, NULL, NULL, -1, 0);
    return NULL;
  }
  if (!ok) {
    snprintf(zh, sizeof zh, "未安装 %s：%s", file_name(s->offered.path), why.zh);
    snprintf(en, sizeof en, "Not installed: %s: %s", file_name(s->offered.path), why.en);
    ks_ui_set_notice(ui, zh, en, -1, KS_NOTICE_DISMISS);
    return NULL;
  }
  char path[4096];
  shown next = {0};
  if (!ks_install_active(s->run->config.data_dir, path, sizeof path) ||
      !ks_session_open_pack("run", path, s->fonts_dir, s->run->config.data_dir, &next.pack)) {
    ks_ui_set_notice(ui, "新内容包已安装，但无法打开；下次启动时生效。",
                     "The new pack is installed but would not open; it shows at the next start.",
                     -1, KS_NOTICE_DISMISS);
    return NULL;
  }
  remember_source(s, &s->offered);
  track_visit(s, ui, true); /* the visit ends with the content it was about */
  snprintf(next.today, sizeof next.today, "%s", s->today);
  ks_ui *fresh = ks_session_ui_for(s->session, next.pack, next.today);
  if (!fresh) {
    ks_pack_close(next.pack);
    ks_ui_set_notice(ui, "新内容包已安装，但无法打开；下次启动时生效。",
                     "The new pack is installed but would not open; it shows at the next start.",
                     -1, KS_NOTICE_DISMISS);
    return NULL;
  }
  s->next = next;
  s->next_ui = fresh;
  char id[128] = "?";
  int64_t version = 0;
  ks_pack_identity(next.pack, id, sizeof id, &version);
  snprintf(zh, sizeof zh, "已安装内容包 %s（版本 %lld）", id, (long long)version);
  snprintf(en, sizeof en, "Installed content pack %s (version %lld)", id, (long long)version);
  ks_diag_log(stderr, "kiosk: %s", en);
  ks_ui_set_notice(fresh, zh, en, -1, KS_NOTICE_DISMISS | (s->stats ? KS_NOTICE_EXPORT : 0));
  return fresh;
}

/* Takes the watcher's latest look at the mount points, when it has one (never waiting for a scan:
 * a stranger's stick can be large): offers a pack that appeared, withdraws the offer when the
 * stick goes. */
static void watch_sticks(service *s, ks_ui *ui, bool *redraw) {
  const ks_config *c = &s->run->config;
  ks_found_pack found[MAX_FOUND];
  size_t n;
  if (!ks_watcher_poll(s->watcher, found, MAX_FOUND, &n, NULL))
    return;
  bool offered_there = false;
  const ks_found_pack *pick = NULL;
  for (size_t i = 0; i < n; i++) {
    offered_there |= same_file(&found[i], &s->offered);
    if (!pick && !same_file(&found[i], &s->handled) && !same_file(&found[i], &s->offered))
      pick = &found[i];
  }
  if (s->offered.path[0] && !offered_there) { /* the stick was taken away */
    s->offered.path[0] = '\0';
    ks_ui_set_notice(ui, NULL, NULL, -1, 0);
    *redraw = true;
  }
  if (!pick)
    return;
  s->offered = *pick;
  *redraw = true;
  ks_diag_log(stderr, "kiosk: found %s (%lld bytes)", pick->path, (long long)pick->size);
  if (c->auto_install) {
    start_install(s, ui);
    return;
  }
  char zh[1400], en[1400];
  snprintf(zh, sizeof zh, "U盘上有内容包 %s（%.1f MB）。策展人可轻触“安装”。",
           file_name(pick->path), (double)pick->size / 1e6);
  snprintf(en, sizeof en, "A content pack is on the stick: %s (%.1f MB). Curators: tap Install.",
           file_name(pick->path), (double)pick->size / 1e6);
  ks_ui_set_notice(ui, zh, en, -1,
                   KS_NOTICE_INSTALL | KS_NOTICE_DISMISS | (s->stats ? KS_NOTICE_EXPORT : 0));
}

/* ---- opening hours ------------------------------------------------------------------------- */

/* KIOSK_TEST_NOW=YYYY-MM-DDTHH:MM[:SS] (tests only): the service's wall clock starts there. */
static void read_test_clock(service *s) {
  const char *v = getenv("KIOSK_TEST_NOW");
  struct tm tm = {0};
  int end = 0;
  if (!v || !*v)
    return;
  if (sscanf(v, "%4d-%2d-%2dT%2d:%2d%n:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
             &tm.tm_min, &end, &tm.tm_sec, &end) < 5 ||
      v[end]) {
    ks_diag_log(stderr,
                "kiosk: KIOSK_TEST_NOW=%s is not YYYY-MM-DDTHH:MM[:SS]: the real clock is used", v);
    return;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  s->test_clock = true;
  s->test_wall_s = (int64_t)timegm(&tm); /* a UTC calendar: no time zone, no clock change */
  ks_diag_log(stderr, "kiosk: the clock is KIOSK_TEST_NOW=%s (for tests only)", v);
}

/* The local wall-clock time now. */
static ks_wall wall_now(const service *s) {
  struct tm tm;
  if (s->test_clock) {
    uint64_t ran = s->test_started_ms ? mono_ms() - s->test_started_ms : 0;
    time_t t = (time_t)(s->test_wall_s + (int64_t)(ran / 1000));
    gmtime_r(&t, &tm);
  } else {
    time_t t = time(NULL);
    localtime_r(&t, &tm);
  }
  return (ks_wall){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour * 60 + tm.tm_min};
}

static void day_of(ks_wall w, char *out, size_t size) {
  snprintf(out, size, "%04d-%02d-%02d", w.year, w.month, w.day);
}

/* On the first tick of a new day, the exhibits of that day: a temporary exhibition begins or
 * ends. Returns the UI for them, or NULL when the day shows what the last one did. */
static ks_ui *follow_the_date(service *s, ks_ui *ui) {
  char today[sizeof s->today];
  day_of(wall_now(s), today, sizeof today);
  if (strcmp(today, s->today) == 0 || s->job || s->next_ui)
    return NULL;
  snprintf(s->today, sizeof s->today, "%s", today);
  ks_ui *fresh = ks_session_new_day(s->session, today);
  if (!fresh)
    return NULL;
  const char *const *ids;
  ks_diag_log(stderr, "kiosk: %s: %zu exhibits shown (show_from, show_until)", today,
              ks_store_ids(ks_ui_store(fresh), &ids));
  track_visit(s, ui, true); /* the visit ends with the screens it was on */
  s->next = (shown){0};
  snprintf(s->next.today, sizeof s->next.today, "%s", today);
  s->next_ui = fresh;
  return fresh;
}

/* The loop's `dark` hook: dark outside the opening hours, except until wake_minutes after the
 * last touch (one that woke it, or a visitor's still at it when the hall closes). */
static bool on_dark(void *ctx, bool touched) {
  service *s = ctx;
  const ks_schedule *sched = &s->run->config.schedule;
  uint64_t now = mono_ms();
  if (s->test_clock && !s->test_started_ms)
    s->test_started_ms = now; /* the test's clock runs from the loop's start, however slow */
  if (touched)
    s->last_touch_ms = now;
  ks_wall next;
  bool open = ks_schedule_open_at(sched, wall_now(s), &next);
  bool dark = !open && (s->last_touch_ms == 0 ||
                        now - s->last_touch_ms >= (uint64_t)sched->wake_minutes * 60000u);
  if (dark != s->dark) {
    if (dark && next.year)
      ks_diag_log(stderr, "kiosk: closed: the display is dark until %04d-%02d-%02d %02d:%02d",
                  next.year, next.month, next.day, next.minute / 60, next.minute % 60);
    else if (dark)
      ks_diag_log(stderr, "kiosk: closed: the display is dark (no opening hours ahead)");
    else
      ks_diag_log(stderr, "kiosk: %s", open ? "open" : "lit by a touch while closed");
  }
  s->dark = dark;
  return dark;
}

/* ---- the loop's hooks ----------------------------------------------------------------------- */

static void on_first_frame(void *ctx) {
  service *s = ctx;
  ks_session_attach_map(s->session); /* at start the map waits: visitors see home sooner */
  if (s->run->config.data_dir[0])
    ks_install_started(s->run->config.data_dir); /* this pack starts: no rollback needed */
  if (s->watchdog_us)
    sd_notifyf(0, "READY=1\nWATCHDOG_USEC=%llu\nWATCHDOG=1", (unsigned long long)s->watchdog_us);
  else
    sd_notify(0, "READY=1");
}

static ks_ui *on_tick(void *ctx, ks_ui *ui, bool *redraw) {
  service *s = ctx;
  uint64_t now = mono_ms();
  if (s->watchdog_us && now >= s->next_watchdog_ms) {
    sd_notify(0, "WATCHDOG=1");                       /* the loop is alive: it got here */
    s->next_watchdog_ms = now + (uint64_t)s->tick_ms; /* not every frame of a fling */
  }
  track_visit(s, ui, s->dark); /* a dark kiosk is nobody's visit */
  if (s->run->probe)
    s->run->probe(s->run->probe_ctx, ks_session_window(s->session));
  unsigned tap = ks_ui_take_notice_tap(ui);
  if (tap & KS_NOTICE_DISMISS)
    s->handled = s->offered;
  if ((tap & KS_NOTICE_INSTALL) && !s->job && s->offered.path[0])
    start_install(s, ui);
  if ((tap & KS_NOTICE_EXPORT) && s->stats && s->offered.path[0])
    export_stats(s, ui);
  ks_found_pack from_fleet; /* fleet: a pack of the hall's folder installs as a stick's, untapped */
  if (ks_fleet_tick(s->fleet, s->job != NULL, s->stats, &from_fleet)) {
    s->offered = from_fleet;
    start_install(s, ui);
  }
  if (s->job)
    return follow_install(s, ui, redraw);
  ks_ui *new_day = follow_the_date(s, ui);
  if (new_day)
    return new_day;
  if (s->watcher)
    watch_sticks(s, ui, redraw);
  return NULL;
}

/* The loop has dropped what it drew from `old` (the session's UI): the session frees it with
 * its pack, and keeps the installed pack and its UI instead. */
static void on_retire(void *ctx, ks_ui *old) {
  service *s = ctx;
  (void)old;
  ks_session_adopt(s->session, s->next.pack, NULL, s->next.today, s->next_ui);
  s->next = (shown){0};
  s->next_ui = NULL;
}

/* ---- start ---------------------------------------------------------------------------------- */

int ks_service_run(const ks_service_opts *run) {
  const ks_config *c = &run->config;
  char err[512];
  if (c->allow_unsigned)
    fprintf(stderr, "kiosk: WARNING: allow_unsigned is on: packs without a signature will be "
                    "installed. Never on a kiosk in a public hall.\n");
  service s = {.run = run};
  read_test_clock(&s);
  day_of(wall_now(&s), s.today, sizeof s.today);
  /* systemd arms the watchdog when it starts the process, but the loop that feeds it runs only
   * after the first frame. A slow start (a cold SD card, a slow board: 20 s seen on an emulated
   * Cortex-A53) must not be taken for a hang, so the start gets its own, longer allowance; the
   * unit's period comes back with READY=1. */
  if (sd_watchdog_enabled(0, &s.watchdog_us) > 0 && s.watchdog_us > 0)
    sd_notifyf(0, "WATCHDOG_USEC=%llu", (unsigned long long)KS_START_WATCHDOG_US);
  else
    s.watchdog_us = 0;
  if (c->data_dir[0])
    recall_source(&s, &s.handled); /* the pack shown came from there: not offered again */
  ks_session_opts so = {.pack = run->pack,
                        .fonts_dir = run->fonts_dir,
                        .fall_back = true,
                        .data_dir = c->data_dir,
                        .rollback_failures = c->rollback_failures,
                        .rollback_minutes = c->rollback_minutes,
                        .lang = c->default_lang,
                        .has_idle_timeout = true,
                        .idle_timeout = c->idle_timeout,
                        .target = run->headless ? KS_SESSION_HEADLESS : KS_SESSION_WINDOW,
                        .width = 1280,
                        .height = 720,
                        .fullscreen = !run->windowed,
                        .rotation = c->rotation,
                        .panel_w_mm = c->panel_w_mm,
                        .panel_h_mm = c->panel_h_mm,
                        .panel_diagonal_in = c->panel_diagonal_in,
                        .map_later = true,
                        .date = s.today};
  if (!(s.session = ks_session_open(&so)))
    return 1;
  s.fonts_dir = ks_session_fonts_dir(s.session);
  if (c->data_dir[0] && c->stats) {
    char path[KS_CONFIG_PATH + 32];
    snprintf(path, sizeof path, "%s/stats.sqlite", c->data_dir);
    if (!(s.stats = ks_stats_open(path, err, sizeof err)))
      ks_diag_log(stderr, "kiosk: no visitor statistics: %s", err);
  }
  s.tick_ms = 1000; /* the stick watch looks every two seconds */
  if (s.watchdog_us && s.watchdog_us / 2000 < (uint64_t)s.tick_ms)
    s.tick_ms = (int)(s.watchdog_us / 2000); /* fed twice per period */
  for (size_t i = 0; i < c->n_watch; i++)
    s.roots[i] = c->watch[i];
  if (c->data_dir[0])
    s.watcher = ks_watcher_start(
        &(ks_watcher_opts){.roots = s.roots, .n_roots = c->n_watch, .every_ms = WATCH_EVERY_MS});
  if (c->data_dir[0]) /* fleet */
    s.fleet = ks_fleet_start(&(ks_fleet_opts){.folder = c->fleet_folder,
                                              .name = c->fleet_name,
                                              .data_dir = c->data_dir,
                                              .software = KIOSK_VERSION,
                                              .report_every_s = c->fleet_report_s});
  ks_kiosk_hooks hooks = {.first_frame = on_first_frame,
                          .tick = on_tick,
                          .retire = on_retire,
                          .dark = on_dark,
                          .tick_ms = s.tick_ms,
                          .ctx = &s};
  ks_ui *ui =
      ks_kiosk_run(ks_session_window(s.session), ks_session_ui(s.session), run->max_ms, &hooks);
  track_visit(&s, ui, true);
  ks_watcher_stop(s.watcher);    /* a scan running ends at its next entry */
  ks_fleet_stop(s.fleet);        /* fleet */
  ks_install_job_destroy(s.job); /* a running install finishes: it is safe either way */
  ks_stats_close(s.stats);
  ks_session_close(s.session); /* the UI on screen is the session's: adopted at each retire */
  return 0;
}
