/* The hall's shared folder: which pack is taken from it and when (only with its signature, never
 * half synced, never through a link, a refused one not again until it changes), and the kiosks'
 * reports written there (atomically, never through a link) and read back (a stranger's file is
 * refused, not half read). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "test_support.h"

#include "kiosk/fleet.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

/* A fresh, empty folder under the scratch folder. */
static const char *fresh_dir(char *path, size_t size, const char *name) {
  ts_tmp(path, size, name);
  nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  assert_int_equal(mkdir(path, 0755), 0);
  return path;
}

static const char *in(char *buf, size_t size, const char *dir, const char *name) {
  if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size)
    fail_msg("path too long");
  return buf;
}

static void put(const char *dir, const char *name, const char *text) {
  char p[1200];
  ts_write(in(p, sizeof p, dir, name), text, strlen(text));
}

static bool exists(const char *dir, const char *name) {
  char p[1200];
  struct stat st;
  return lstat(in(p, sizeof p, dir, name), &st) == 0;
}

/* What the stick watch finds in `dir` (the folder's scan), then what the fleet picks from it. */
static bool pick(ks_fleet *f, const char *dir, ks_found_pack *out) {
  const char *roots[] = {dir};
  ks_found_pack found[16];
  size_t n = ks_watch_find(roots, 1, found, 16, NULL, NULL);
  return ks_fleet_pick(f, found, n, out);
}

static ks_fleet *start(const char *folder, const char *data_dir, int every) {
  return ks_fleet_start(&(ks_fleet_opts){.folder = folder,
                                         .name = "hall-a-1",
                                         .data_dir = data_dir,
                                         .software = "9.9",
                                         .report_every_s = every});
}

static void takes_a_pack_only_when_it_is_whole_with_its_signature(void **state) {
  (void)state;
  char dir[1024], data[1024], p[1200], q[1200];
  fresh_dir(dir, sizeof dir, "fleet-pick");
  fresh_dir(data, sizeof data, "fleet-pick-data");
  ks_fleet *f = start(dir, data, 60);
  ks_found_pack got;
  put(dir, "a.kpack", "pack bytes");
  assert_false(pick(f, dir, &got)); /* no signature yet: waited for, not refused */
  assert_false(pick(f, dir, &got));
  /* The signature as a link: never followed, never taken. */
  assert_int_equal(symlink("/etc/hostname", in(p, sizeof p, dir, "a.kpack.minisig")), 0);
  assert_false(pick(f, dir, &got));
  assert_false(pick(f, dir, &got));
  unlink(p);
  put(dir, "a.kpack.minisig", "signature");
  /* Syncthing writing a newer copy of either: wait. */
  put(dir, ".syncthing.a.kpack.minisig.tmp", "half");
  assert_false(pick(f, dir, &got));
  assert_false(pick(f, dir, &got));
  unlink(in(p, sizeof p, dir, ".syncthing.a.kpack.minisig.tmp"));
  put(dir, "~syncthing~a.kpack.tmp", "half");
  assert_false(pick(f, dir, &got));
  assert_false(pick(f, dir, &got));
  unlink(in(p, sizeof p, dir, "~syncthing~a.kpack.tmp"));
  /* Whole: taken once two scans in a row saw it the same. */
  assert_false(pick(f, dir, &got));
  assert_true(pick(f, dir, &got));
  assert_string_equal(got.path, in(p, sizeof p, dir, "a.kpack"));
  /* Refused: not taken again while it stays the same; the refusal is the fleet's to report. */
  ks_refusal why = {.en = "the signature does not match the pack"};
  assert_true(ks_fleet_installed(f, &got, false, &why));
  for (int i = 0; i < 4; i++)
    assert_false(pick(f, dir, &got));
  /* A new signature arrives (a new time): tried again. */
  struct timespec later[2] = {{.tv_nsec = UTIME_OMIT}, {.tv_sec = 2000000000}};
  assert_int_equal(utimensat(AT_FDCWD, in(q, sizeof q, dir, "a.kpack.minisig"), later, 0), 0);
  assert_false(pick(f, dir, &got));
  assert_true(pick(f, dir, &got));
  /* A pack that changes between two scans is not taken until it stops changing. */
  assert_true(ks_fleet_installed(f, &got, true, NULL));
  put(dir, "b.kpack.minisig", "signature");
  put(dir, "b.kpack", "first bytes");
  assert_false(pick(f, dir, &got));
  put(dir, "b.kpack", "more bytes, still coming");
  assert_false(pick(f, dir, &got));
  assert_true(pick(f, dir, &got));
  assert_string_equal(got.path, in(p, sizeof p, dir, "b.kpack"));
  /* A stick's install is reported but is not the fleet's. */
  ks_found_pack stick = {.path = "/media/sdb1/c.kpack"};
  assert_false(ks_fleet_installed(f, &stick, true, NULL));
  ks_fleet_stop(f);
}

/* A pack as a link in the folder is never taken (the scan does not follow links). */
static void a_linked_pack_is_never_taken(void **state) {
  (void)state;
  char dir[1024], data[1024], p[1200], q[1200];
  fresh_dir(dir, sizeof dir, "fleet-link");
  fresh_dir(data, sizeof data, "fleet-link-data");
  ks_fleet *f = start(dir, data, 60);
  put(data, "x.kpack", "bytes outside");
  assert_int_equal(symlink(in(p, sizeof p, data, "x.kpack"), in(q, sizeof q, dir, "x.kpack")), 0);
  put(dir, "x.kpack.minisig", "signature");
  ks_found_pack got;
  for (int i = 0; i < 3; i++)
    assert_false(pick(f, dir, &got));
  ks_fleet_stop(f);
}

static ks_fleet_report sample(void) {
  ks_fleet_report r = {.reported = 1700000000,
                       .has_pack = true,
                       .pack_version = 7,
                       .pack_since = 1690000000,
                       .last_install_at = 1699999999,
                       .last_error_at = 1699999998,
                       .uptime_s = 3600,
                       .visits_today = 42};
  snprintf(r.name, sizeof r.name, "hall-a-2");
  snprintf(r.software, sizeof r.software, "0.1.0");
  snprintf(r.pack_id, sizeof r.pack_id, "yrd-innovation");
  snprintf(r.pack_sha256, sizeof r.pack_sha256, "%064d", 5);
  snprintf(r.last_install, sizeof r.last_install, "v8 \"new\".kpack");
  snprintf(r.last_outcome, sizeof r.last_outcome, "refused");
  snprintf(r.last_error, sizeof r.last_error, "x\n[fake] line\x1b[2J\\ 长三角: bad");
  return r;
}

static void reports_read_back_as_written(void **state) {
  (void)state;
  char dir[1024], err[512], p[1200], status[1200];
  fresh_dir(dir, sizeof dir, "fleet-report");
  ks_fleet_report w = sample(), r;
  assert_true(ks_fleet_report_write(dir, &w, err, sizeof err));
  assert_true(
      ks_fleet_report_read(in(p, sizeof p, dir, "status/hall-a-2.json"), &r, err, sizeof err));
  assert_memory_equal(&r, &w, sizeof r);
  /* The file holds no control character a terminal would act on: escaped. */
  size_t n;
  unsigned char *text = ts_read(p, &n);
  for (size_t i = 0; i < n; i++)
    assert_true(text[i] >= 0x20 || text[i] == '\n');
  free(text);
  /* Written again: replaced whole, nothing left beside it. */
  w.visits_today = 43;
  w.has_pack = false;
  w.last_install[0] = w.last_error[0] = '\0';
  assert_true(ks_fleet_report_write(dir, &w, err, sizeof err));
  assert_true(ks_fleet_report_read(p, &r, err, sizeof err));
  assert_int_equal(r.visits_today, 43);
  assert_false(r.has_pack);
  assert_string_equal(r.last_error, "");
  DIR *d = opendir(in(status, sizeof status, dir, "status"));
  int entries = 0;
  for (struct dirent *e; (e = readdir(d));)
    entries += e->d_name[0] != '.';
  closedir(d);
  assert_int_equal(entries, 1);
}

/* Another device can put links in the folder (Syncthing carries them): never written through. */
static void reports_never_write_through_a_link(void **state) {
  (void)state;
  char dir[1024], outside[1024], err[512], p[1200], q[1200];
  fresh_dir(dir, sizeof dir, "fleet-report-link");
  fresh_dir(outside, sizeof outside, "fleet-report-outside");
  ks_fleet_report w = sample();
  /* status/ itself a link to another folder. */
  assert_int_equal(symlink(outside, in(p, sizeof p, dir, "status")), 0);
  assert_false(ks_fleet_report_write(dir, &w, err, sizeof err));
  assert_non_null(strstr(err, "is a link or a file, not a folder"));
  assert_false(exists(outside, "hall-a-2.json"));
  unlink(p);
  /* The report's name a link to a file elsewhere: the link is replaced, the file untouched. */
  assert_int_equal(mkdir(p, 0755), 0);
  put(outside, "precious", "keep me");
  assert_int_equal(
      symlink(in(q, sizeof q, outside, "precious"), in(p, sizeof p, dir, "status/hall-a-2.json")),
      0);
  assert_true(ks_fleet_report_write(dir, &w, err, sizeof err));
  size_t n;
  unsigned char *text = ts_read(q, &n);
  assert_int_equal(n, 7);
  assert_memory_equal(text, "keep me", 7);
  free(text);
  struct stat st;
  assert_int_equal(lstat(p, &st), 0);
  assert_true(S_ISREG(st.st_mode));
  /* And a name that is no file name is refused before anything is made. */
  snprintf(w.name, sizeof w.name, "../x");
  assert_false(ks_fleet_report_write(dir, &w, err, sizeof err));
}

/* Anything a device in the hall puts in status/: the reports are read, the rest named. */
static void stray_files_are_refused_not_half_read(void **state) {
  (void)state;
  char dir[1024], err[512], status[1200], p[1200];
  fresh_dir(dir, sizeof dir, "fleet-stray");
  ks_fleet_report w = sample();
  assert_true(ks_fleet_report_write(dir, &w, err, sizeof err));
  snprintf(w.name, sizeof w.name, "hall-a-1");
  assert_true(ks_fleet_report_write(dir, &w, err, sizeof err));
  in(status, sizeof status, dir, "status");
  put(status, "list.json", "[1, 2]\n");
  put(status, "broken.json", "{\"kiosk\": \"x\", \n");
  put(status, "path.json", "{\"kiosk\": \"../../etc\"}\n");
  put(status, "noname.json", "{\"uptime_s\": 4}\n");
  put(status, "number.json", "{\"kiosk\": \"k\", \"uptime_s\": \"soon\"}\n");
  put(status, "long.json",
      "{\"kiosk\": \"k\", \"software\": \"0123456789012345678901234567890123\"}");
  put(status, "notes.txt", "not a report");
  put(status, ".hall-a-3.json.tmp-0123456789abcdef", "{\"kiosk\": \"hall-a-3\"}");
  assert_int_equal(symlink("/etc/passwd", in(p, sizeof p, status, "link.json")), 0);
  char *big = calloc(1, KS_FLEET_REPORT_MAX_BYTES + 2);
  memset(big, ' ', KS_FLEET_REPORT_MAX_BYTES + 1);
  put(status, "big.json", big);
  free(big);
  ks_diag *diag = ks_diag_create();
  ks_fleet_report *all;
  size_t n = ks_fleet_report_read_all(dir, &all, diag);
  assert_int_equal(n, 2);
  assert_string_equal(all[0].name, "hall-a-1"); /* sorted by name */
  assert_string_equal(all[1].name, "hall-a-2");
  free(all);
  TS_EXPECT_DIAG(diag, KS_WARNING, 8, "list.json: warning: not read: not a report",
                 "path.json: warning: not read: \"../../etc\" is not",
                 "noname.json: warning: not read: not a report: no \"kiosk\"",
                 "number.json: warning: not read: \"uptime_s\" is not a",
                 "long.json: warning: not read: \"software\" is too long",
                 "big.json: warning: not read", "broken.json: warning: not read: not JSON");
  ks_diag_destroy(diag);
}

/* The kiosk reports at its first tick, then not again before the interval is over. */
static void reports_at_most_once_per_interval(void **state) {
  (void)state;
  char dir[1024], data[1024], p[1200], err[512];
  fresh_dir(dir, sizeof dir, "fleet-tick");
  fresh_dir(data, sizeof data, "fleet-tick-data");
  ks_fleet *f = start(dir, data, 60);
  ks_found_pack got;
  ks_found_pack stick = {.path = "/media/sdb1/v3.kpack"};
  ks_refusal why = {.en = "version 3 is older than the installed version 4"};
  ks_fleet_installed(f, &stick, false, &why);
  assert_false(ks_fleet_tick(f, false, NULL, &got));
  ks_fleet_report r;
  assert_true(
      ks_fleet_report_read(in(p, sizeof p, dir, "status/hall-a-1.json"), &r, err, sizeof err));
  assert_string_equal(r.name, "hall-a-1");
  assert_string_equal(r.software, "9.9");
  assert_false(r.has_pack); /* nothing installed: the bundled pack shows */
  assert_int_equal(r.visits_today, -1);
  assert_string_equal(r.last_install, "v3.kpack");
  assert_string_equal(r.last_outcome, "refused");
  assert_string_equal(r.last_error, "v3.kpack: version 3 is older than the installed version 4");
  unlink(p);
  for (int i = 0; i < 5; i++)
    ks_fleet_tick(f, false, NULL, &got);
  assert_false(exists(dir, "status/hall-a-1.json"));
  ks_fleet_stop(f);
  /* No folder configured: no fleet, and every call takes that. */
  assert_null(ks_fleet_start(&(ks_fleet_opts){.folder = ""}));
  assert_false(ks_fleet_tick(NULL, false, NULL, &got));
  assert_false(ks_fleet_installed(NULL, &stick, true, NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(takes_a_pack_only_when_it_is_whole_with_its_signature),
      cmocka_unit_test(a_linked_pack_is_never_taken),
      cmocka_unit_test(reports_read_back_as_written),
      cmocka_unit_test(reports_never_write_through_a_link),
      cmocka_unit_test(stray_files_are_refused_not_half_read),
      cmocka_unit_test(reports_at_most_once_per_interval),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
