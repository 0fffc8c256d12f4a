/* The configuration file: the documented one means the defaults, options are read, and every
 * wrong line is reported with its line number. */
#include "test_support.h"

#include "kiosk/config.h"

#include <sys/stat.h>
#include <unistd.h>

static const char *write_ini(const char *text) {
  static char path[1024];
  ts_write(ts_tmp(path, sizeof path, "t.ini"), text, strlen(text));
  return path;
}

static const char *write_ini_path(void) {
  static char path[1024];
  return ts_tmp(path, sizeof path, "t.ini");
}

static void documented_file_means_the_defaults(void **state) {
  (void)state;
  ks_config d, c;
  ks_config_defaults(&d);
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c, KS_TEST_SOURCE "/scripts/kiosk.ini", diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_memory_equal(&c, &d, sizeof c);
  assert_string_equal(c.data_dir, "/var/lib/kiosk");
  assert_int_equal(c.n_watch, 2);
  assert_string_equal(c.watch[1], "/run/media");
  assert_int_equal(c.n_keys, 0);
  assert_false(c.allow_unsigned);
  assert_true(c.stats);
  ks_diag_destroy(diag);
}

static void reads_every_option(void **state) {
  (void)state;
  ks_pubkey pub;
  ks_seckey sec;
  ks_sign_keygen(&pub, &sec);
  char pub_path[1024], sec_path[1024], err[256];
  unlink(ts_tmp(pub_path, sizeof pub_path, "cfg.pub"));
  unlink(ts_tmp(sec_path, sizeof sec_path, "cfg.key"));
  assert_true(ks_sign_write_keys(&pub, &sec, pub_path, sec_path, err, sizeof err));
  size_t n;
  char *pub_text = (char *)ts_read(pub_path, &n);
  pub_text[n] = '\0';
  const char *line2 = strchr(pub_text, '\n') + 1; /* the base64 line */
  char text[2048];
  snprintf(text, sizeof text,
           "[kiosk]\ndata_dir = /srv/kiosk\nidle_timeout = 45.5\ndefault_language = en\n"
           "rotation = 270\n[packs]\ntrusted_key = %.*s\ntrusted_key = %s\n"
           "allow_unsigned = yes\nauto_install = on\nwatch = /mnt/usb\n"
           "rollback_failures = 5\nrollback_minutes = 30\n[stats]\nenabled = false\n",
           (int)strcspn(line2, "\n"), line2, pub_path);
  free(pub_text);
  ks_config c;
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c, write_ini(text), diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_string_equal(c.data_dir, "/srv/kiosk");
  assert_float_equal(c.idle_timeout, 45.5f, 1e-6);
  assert_string_equal(c.default_lang, "en");
  assert_int_equal(c.rotation, 270);
  assert_int_equal(c.n_keys, 2);
  assert_memory_equal(&c.keys[0], &pub, sizeof pub);
  assert_memory_equal(&c.keys[1], &pub, sizeof pub);
  assert_true(c.allow_unsigned);
  assert_true(c.auto_install);
  assert_int_equal(c.n_watch, 1); /* the first watch line replaces the defaults */
  assert_string_equal(c.watch[0], "/mnt/usb");
  assert_int_equal(c.rollback_failures, 5);
  assert_int_equal(c.rollback_minutes, 30);
  assert_false(c.stats);
  ks_diag_destroy(diag);
}

static void wrong_lines_are_named(void **state) {
  (void)state;
  ks_config c;
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  assert_false(ks_config_load(&c,
                              write_ini("[kiosk]\n"             /* 1 */
                                        "rotation = 45\n"       /* 2 */
                                        "idle_timeout = soon\n" /* 3 */
                                        "colour = blue\n"       /* 4 */
                                        "[packs]\n"             /* 5 */
                                        "trusted_key = nonsense\n"
                                        "allow_unsigned = maybe\n"
                                        "watch = relative/path\n"
                                        "[display]\n"
                                        "x = 1\n"
                                        "this line has no equals sign\n"),
                              diag));
  TS_EXPECT_DIAG(diag, KS_ERROR, 8, "t.ini:2: error: rotation = 45: give 0, 90, 180 or 270",
                 "t.ini:3: error: idle_timeout = soon",
                 "t.ini:4: error: unknown option \"colour\" in [kiosk]",
                 "t.ini:6: error: trusted_key nonsense", "t.ini:7: error: allow_unsigned = maybe",
                 "t.ini:8: error: \"relative/path\" is not an absolute path",
                 "t.ini:10: error: unknown section [display]", "t.ini:11: error: not an INI line");
  ks_diag_destroy(diag);

  diag = ks_diag_create();
  assert_false(ks_config_load(&c, KS_TEST_TMP "/no-such.ini", diag));
  assert_true(ks_diag_contains(diag, "cannot read the configuration"));
  ks_diag_destroy(diag);
}

/* A line is read whole or refused: inih's fixed 200-byte buffer once cut a long watch line and
 * read its tail as a line of its own, so a path ending in "allow_unsigned = true" switched
 * signatures off with no error. */
static void long_lines_are_never_split(void **state) {
  (void)state;
  char text[8192];
  /* 1: [packs]; 2: a 220-character watch line whose tail is an option */
  int n = snprintf(text, sizeof text, "[packs]\nwatch = /");
  while (n < 8 + 220 - (int)strlen("allow_unsigned = true"))
    text[n++] = 'x';
  n += snprintf(text + n, sizeof text - (size_t)n, "allow_unsigned = true\n");
  ks_config c;
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c, write_ini(text), diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok); /* one long path, nothing wrong with it */
  assert_false(c.allow_unsigned);
  assert_int_equal(c.n_watch, 1);
  assert_int_equal(strlen(c.watch[0]), 220 - 8);
  assert_string_equal(c.watch[0] + strlen(c.watch[0]) - 21, "allow_unsigned = true");
  ks_diag_destroy(diag);

  /* A path of 1000 characters works, for data_dir and watch alike. */
  char path[1001];
  path[0] = '/';
  memset(path + 1, 'd', 999);
  path[1000] = '\0';
  snprintf(text, sizeof text, "[kiosk]\ndata_dir = %s\n[packs]\nwatch = %s\n", path, path);
  ks_config_defaults(&c);
  diag = ks_diag_create();
  ok = ks_config_load(&c, write_ini(text), diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_string_equal(c.data_dir, path);
  assert_string_equal(c.watch[0], path);
  ks_diag_destroy(diag);

  /* A 5000-character line is an error naming it; the lines around it are still read. */
  char *big = malloc(6000);
  n = snprintf(big, 6000, "[packs]\nauto_install = true\nwatch = /");
  memset(big + n, 'y', 5000 - 9);
  n += 5000 - 9;
  snprintf(big + n, 6000 - (size_t)n, "allow_unsigned = true\nrollback_minutes = 20\n");
  ks_config_defaults(&c);
  diag = ks_diag_create();
  assert_false(ks_config_load(&c, write_ini(big), diag));
  free(big);
  TS_EXPECT_DIAG(diag, KS_ERROR, 1, "t.ini:3: error: the line is longer than");
  assert_false(c.allow_unsigned);
  assert_true(c.auto_install);
  assert_int_equal(c.rollback_minutes, 20);
  assert_int_equal(c.n_watch, 2); /* the defaults: the refused line changed nothing */
  assert_string_equal(c.watch[0], "/media");
  ks_diag_destroy(diag);
}

/* A wrong value is reported and changes nothing: the option keeps its default. */
static void wrong_values_keep_the_default(void **state) {
  (void)state;
  ks_config d, c;
  ks_config_defaults(&d);
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  assert_false(ks_config_load(&c,
                              write_ini("[kiosk]\nrotation = 45\nrotation = -90\nrotation = 9e1\n"
                                        "idle_timeout = -1\ndata_dir = var/lib\n"
                                        "default_language = français\n[packs]\nwatch = media\n"
                                        "watch = \nrollback_failures = 0\nrollback_minutes = 1e3\n"
                                        "allow_unsigned = 2\nauto_install = \n"
                                        "trusted_key = RWQ\n[stats]\nenabled = nope\n"),
                              diag));
  TS_EXPECT_DIAG(diag, KS_ERROR, 14, "t.ini:2: error: rotation = 45: give 0, 90, 180 or 270");
  assert_memory_equal(&c, &d, sizeof c);
  ks_diag_destroy(diag);
}

/* The panel's size: millimetres as WxH, or a diagonal in inches; empty means the display's own.
 * A wrong value names its line and keeps the default. */
static void reads_the_panel_size(void **state) {
  (void)state;
  ks_config c;
  ks_config_defaults(&c);
  assert_true(c.panel_w_mm == 0 && c.panel_h_mm == 0 && c.panel_diagonal_in == 0);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c, write_ini("[kiosk]\npanel_mm = 155x86\npanel_diagonal = 7\n"), diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_float_equal(c.panel_w_mm, 155, 1e-6);
  assert_float_equal(c.panel_h_mm, 86, 1e-6);
  assert_float_equal(c.panel_diagonal_in, 7, 1e-6);
  ok = ks_config_load(&c, write_ini("[kiosk]\npanel_mm = 154.2 x 85.9\npanel_diagonal =\n"), diag);
  assert_true(ok);
  assert_float_equal(c.panel_w_mm, 154.2f, 1e-4);
  assert_float_equal(c.panel_h_mm, 85.9f, 1e-4);
  assert_float_equal(c.panel_diagonal_in, 0, 1e-6);
  ok = ks_config_load(&c, write_ini("[kiosk]\npanel_mm =\n"), diag);
  assert_true(ok);
  assert_true(c.panel_w_mm == 0 && c.panel_h_mm == 0);
  ks_diag_destroy(diag);

  ks_config d;
  ks_config_defaults(&c);
  ks_config_defaults(&d);
  diag = ks_diag_create();
  assert_false(ks_config_load(&c,
                              write_ini("[kiosk]\n"                /* 1 */
                                        "panel_mm = 155\n"         /* 2 */
                                        "panel_mm = 155x0\n"       /* 3 */
                                        "panel_mm = -155x86\n"     /* 4 */
                                        "panel_mm = nanxinf\n"     /* 5 */
                                        "panel_mm = 155x86mm\n"    /* 6 */
                                        "panel_diagonal = 0\n"     /* 7 */
                                        "panel_diagonal = seven\n" /* 8 */
                                        "panel_diagonal = inf\n"   /* 9 */
                                        "panel_diagonal = 7in\n"), /* 10 */
                              diag));
  TS_EXPECT_DIAG(diag, KS_ERROR, 9,
                 "t.ini:2: error: panel_mm = 155: give the panel's width and "
                 "height in millimetres",
                 "t.ini:6: error: panel_mm = 155x86mm",
                 "t.ini:7: error: panel_diagonal = 0: give the diagonal in "
                 "inches",
                 "t.ini:10: error: panel_diagonal = 7in");
  assert_memory_equal(&c, &d, sizeof c);
  ks_diag_destroy(diag);
}

/* What inih did besides: a byte-order mark, comments, ':' for '=', inline comments after a
 * space; a NUL byte or a section without its ']' is an error naming the line. */
static void ini_syntax(void **state) {
  (void)state;
  ks_config c;
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c,
                           write_ini("\xEF\xBB\xBF; comment\n# comment\n  [kiosk]  \n"
                                     "rotation: 90 ; a comment\r\n\n"
                                     "data_dir = /a;b\n"),
                           diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_int_equal(c.rotation, 90);
  assert_string_equal(c.data_dir, "/a;b");
  ks_diag_destroy(diag);

  ks_config_defaults(&c);
  diag = ks_diag_create();
  static const char nul[] = "[kiosk]\nrotation = 90\0\n[kiosk\n";
  ts_write(write_ini(""), nul, sizeof nul - 1);
  assert_false(ks_config_load(&c, write_ini_path(), diag));
  assert_true(ks_diag_contains(diag, "t.ini:2: error: the line holds a NUL byte"));
  assert_true(ks_diag_contains(diag, "t.ini:3: error: not an INI line"));
  assert_int_equal(c.rotation, 0);
  ks_diag_destroy(diag);
}

/* The hall's shared folder: read, and a kiosk's name that could not be a plain file name in the
 * shared status folder (a path, a hidden file, an option) is refused with its line. */
static void fleet_options(void **state) {
  (void)state;
  ks_config c;
  ks_config_defaults(&c);
  assert_string_equal(c.fleet_folder, "");
  assert_int_equal(c.fleet_report_s, 60);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(
      &c,
      write_ini("[fleet]\nfolder = /var/lib/kiosk/fleet\nname = hall-a_1.b\nreport_every = 5\n"),
      diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_string_equal(c.fleet_folder, "/var/lib/kiosk/fleet");
  assert_string_equal(c.fleet_name, "hall-a_1.b");
  assert_int_equal(c.fleet_report_s, 5);
  ks_diag_destroy(diag);

  ks_config_defaults(&c);
  diag = ks_diag_create();
  assert_false(ks_config_load(&c,
                              write_ini("[fleet]\nname = ../etc\nname = .hidden\nname = a/b\n"
                                        "name = -rf\nname = caf\xC3\xA9\nfolder = fleet\n"
                                        "report_every = 1\nreport = 5\n"),
                              diag));
  TS_EXPECT_DIAG(diag, KS_ERROR, 8, "t.ini:2: error: name = ../etc: give 1 to 63 letters",
                 "t.ini:9: error: unknown option \"report\" in [fleet]");
  assert_string_equal(c.fleet_name, "");
  assert_string_equal(c.fleet_folder, "");
  assert_int_equal(c.fleet_report_s, 60);
  ks_diag_destroy(diag);
}

/* A FIFO where a file is expected (a trusted key, the file itself) is refused at once, naming the
 * line: reading one would wait for a writer forever and the kiosk would never start. The alarm
 * turns a regression into a failure instead of a hang. */
static void a_fifo_is_refused_not_waited_for(void **state) {
  (void)state;
  char fifo[1024], text[1200];
  unlink(ts_tmp(fifo, sizeof fifo, "cfg-fifo"));
  assert_int_equal(mkfifo(fifo, 0600), 0);
  snprintf(text, sizeof text, "[packs]\ntrusted_key = %s\n", fifo);
  alarm(10);
  ks_config c;
  ks_config_defaults(&c);
  ks_diag *diag = ks_diag_create();
  assert_false(ks_config_load(&c, write_ini(text), diag));
  if (!ks_diag_contains(diag, "t.ini:2: error: trusted_key") ||
      !ks_diag_contains(diag, "not a regular file")) {
    ks_diag_print(diag, stderr);
    fail_msg("the FIFO key is not named on its line");
  }
  assert_int_equal(c.n_keys, 0);
  ks_diag_destroy(diag);

  diag = ks_diag_create();
  assert_false(ks_config_load(&c, fifo, diag));
  assert_true(ks_diag_contains(diag, "cannot read the configuration"));
  assert_true(ks_diag_contains(diag, "not a regular file"));
  ks_diag_destroy(diag);
  alarm(0);
  unlink(fifo);
}

/* [schedule]: opening hours per weekday, closed dates, how long a touch lights a closed kiosk.
 * A wrong line names its line and keeps what was there. */
static void reads_the_schedule(void **state) {
  (void)state;
  ks_config d, c;
  ks_config_defaults(&d);
  ks_config_defaults(&c);
  ks_wall next;
  /* By default the kiosk is always open. */
  assert_true(ks_schedule_open_at(&c.schedule, (ks_wall){2026, 12, 25, 3 * 60}, &next));
  assert_int_equal(next.year, 0);
  assert_int_equal(c.schedule.wake_minutes, 5);
  ks_diag *diag = ks_diag_create();
  bool ok = ks_config_load(&c,
                           write_ini("[schedule]\nmonday = closed\n"
                                     "tuesday = 09:00-12:00, 13:00-17:30\n"
                                     "sunday = 10:00-24:00\nclosed = 2026-12-25\n"
                                     "closed = 2027-01-01\nwake_minutes = 2\n"),
                           diag);
  if (!ok)
    ks_diag_print(diag, stderr);
  assert_true(ok);
  assert_int_equal(c.schedule.n_ranges[0], 0);
  assert_int_equal(c.schedule.n_ranges[1], 2);
  assert_int_equal(c.schedule.ranges[1][1].from, 13 * 60);
  assert_int_equal(c.schedule.n_ranges[2], 1); /* Wednesday as it was: all day */
  assert_int_equal(c.schedule.ranges[6][0].from, 10 * 60);
  assert_int_equal(c.schedule.n_closed, 2);
  assert_int_equal(c.schedule.closed[1], 20270101);
  assert_int_equal(c.schedule.wake_minutes, 2);
  assert_false(ks_schedule_open_at(&c.schedule, (ks_wall){2026, 12, 7, 10 * 60}, NULL));
  assert_true(ks_schedule_open_at(&c.schedule, (ks_wall){2026, 12, 8, 10 * 60}, NULL));
  assert_false(ks_schedule_open_at(&c.schedule, (ks_wall){2026, 12, 25, 10 * 60}, NULL));
  ks_diag_destroy(diag);

  ks_config_defaults(&c);
  diag = ks_diag_create();
  assert_false(ks_config_load(&c,
                              write_ini("[schedule]\n"                /* 1 */
                                        "monday = 9-17\n"             /* 2 */
                                        "tuesday = 17:00-09:00\n"     /* 3 */
                                        "closed = 2026-02-30\n"       /* 4 */
                                        "closed = 2026-12\n"          /* 5 */
                                        "wake_minutes = 0\n"          /* 6 */
                                        "wake_minutes = 2h\n"         /* 7 */
                                        "funday = 10:00-11:00\n"      /* 8 */
                                        "wednesday = 09:00-25:00\n"), /* 9 */
                              diag));
  const char *const findings[] = {
      "t.ini:2: error: monday = 9-17: give",
      "t.ini:3: error: tuesday = 17:00-09:00: give",
      "t.ini:4: error: closed = 2026-02-30: give a date",
      "t.ini:5: error: closed = 2026-12: give a date",
      "t.ini:6: error: wake_minutes = 0: give minutes from 1",
      "t.ini:7: error: wake_minutes = 2h",
      "t.ini:8: error: unknown option \"funday\" in [schedule]",
      "t.ini:9: error: wednesday = 09:00-25:00",
  };
  size_t n_findings = sizeof findings / sizeof *findings;
  if (ks_diag_count(diag, KS_ERROR) != n_findings)
    ks_diag_print(diag, stderr);
  assert_int_equal(ks_diag_count(diag, KS_ERROR), n_findings);
  for (size_t i = 0; i < n_findings; i++)
    if (!ks_diag_contains(diag, findings[i]))
      fail_msg("no finding \"%s\"", findings[i]);
  assert_memory_equal(&c, &d, sizeof c); /* every wrong value kept the default */
  ks_diag_destroy(diag);

  /* Too many closed dates: the ones beyond the limit are refused by line. */
  char text[8192];
  int n = snprintf(text, sizeof text, "[schedule]\n");
  for (int i = 0; i <= KS_SCHEDULE_MAX_CLOSED; i++)
    n += snprintf(text + n, sizeof text - (size_t)n, "closed = 2027-%02d-%02d\n", 1 + i / 28,
                  1 + i % 28);
  ks_config_defaults(&c);
  diag = ks_diag_create();
  assert_false(ks_config_load(&c, write_ini(text), diag));
  assert_int_equal(c.schedule.n_closed, KS_SCHEDULE_MAX_CLOSED);
  assert_true(ks_diag_contains(diag, "t.ini:66: error: too many closed dates (at most 64)"));
  ks_diag_destroy(diag);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(documented_file_means_the_defaults),
      cmocka_unit_test(reads_every_option),
      cmocka_unit_test(wrong_lines_are_named),
      cmocka_unit_test(long_lines_are_never_split),
      cmocka_unit_test(wrong_values_keep_the_default),
      cmocka_unit_test(ini_syntax),
      cmocka_unit_test(reads_the_panel_size),
      cmocka_unit_test(a_fifo_is_refused_not_waited_for),
      cmocka_unit_test(fleet_options),
      cmocka_unit_test(reads_the_schedule),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
