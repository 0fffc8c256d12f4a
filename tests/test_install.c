/* Installing packs into a data folder: the happy path, every refusal with its own message and the
 * shown pack untouched, and fault injection at every file operation of an install — after each
 * the folder must show the old pack or the new one, complete and verified, never neither. */
#include "test_support.h"

#include "kiosk/content.h"
#include "kiosk/install.h"
#include "kiosk/vet.h"
#include "kiosk/install_job.h"
#include "kiosk/pack.h"
#include "kiosk/sign.h"
#include "kiosk/source.h"
#include "kiosk/watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static ks_pubkey pub, stranger;
static ks_seckey sec, stranger_sec;
static char v3[1024], v4[1024], data_dir[1024];
static char sha3[65], sha4[65];

/* ---- helpers ------------------------------------------------------------------------------- */

static void sha256_of(const char *path, char out[65]) {
  size_t n;
  unsigned char *bytes = ts_read(path, &n);
  unsigned char d[32];
  crypto_hash_sha256(d, bytes, n);
  sodium_bin2hex(out, 65, d, sizeof d);
  free(bytes);
}

/* Signs `path` into `path`.minisig with `key` and the trusted comment given. */
static void sign_as(const char *path, const ks_seckey *key, const char *comment) {
  uint8_t hash[KS_SIGN_HASH_BYTES];
  char sig[1100], err[256];
  snprintf(sig, sizeof sig, "%s.minisig", path);
  assert_true(ks_sign_hash_file(path, hash, err, sizeof err));
  if (!ks_sign_write(hash, key, comment, sig, err, sizeof err))
    fail_msg("%s", err);
}

/* The fixture content with `version`, mutated by `edit` when given, written to `name`. */
static const char *build_pack(char *out, size_t size, const char *name, int64_t version,
                              void (*edit)(ks_content *)) {
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  assert_non_null(c);
  c->meta.version = version;
  if (edit)
    edit(c);
  if (!ks_pack_write(c, ts_tmp(out, size, name), 1700000000, d)) {
    ks_diag_print(d, stderr);
    fail_msg("cannot write %s", name);
  }
  char comment[256];
  ks_sign_pack_comment(c->meta.id, version, comment, sizeof comment);
  sign_as(out, &sec, comment);
  ks_content_destroy(c);
  ks_diag_destroy(d);
  return out;
}

static void rm_tree(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    unlink(path);
    return;
  }
  char child[2048];
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      snprintf(child, sizeof child, "%s/%s", path, e->d_name);
      rm_tree(child);
    }
  closedir(d);
  rmdir(path);
}

static ks_install_opts opts(ks_fsops *ops) {
  return (ks_install_opts){
      .data_dir = data_dir, .keys = &pub, .n_keys = 1, .fonts_dir = KS_TEST_FONTS, .ops = ops};
}

/* Installs `path` on a job, as the running kiosk does, polling until it ends; returns whether it
 * installed, with its last progress and, when refused, why. */
static bool run_job(const char *path, double *progress, ks_refusal *why) {
  ks_install_opts o = opts(NULL);
  ks_install_job *job = ks_install_job_start(path, &o);
  bool ok = false;
  while (!ks_install_job_poll(job, progress, &ok, why))
    nanosleep(&(struct timespec){0, 1000000}, NULL);
  ks_install_job_destroy(job);
  return ok;
}

/* Installs `path`; on failure the findings are returned (the caller destroys them). */
static ks_diag *install(const char *path, const ks_install_opts *o, bool *ok) {
  ks_diag *d = ks_diag_create();
  *ok = ks_install(path, o, d);
  return d;
}

static void expect_installed(const char *path) {
  ks_install_opts o = opts(NULL);
  bool ok;
  ks_diag *d = install(path, &o, &ok);
  if (!ok) {
    ks_diag_print(d, stderr);
    fail_msg("%s was not installed", path);
  }
  ks_diag_destroy(d);
}

static size_t count_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));)
    n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

/* The folder shows a complete, verified pack whose bytes are what its name says, and holds
 * nothing half-done; returns its sha256 in `sha` (empty when nothing is installed). */
static void check_folder(char sha[65]) {
  char path[2048];
  sha[0] = '\0';
  snprintf(path, sizeof path, "%s/staging", data_dir);
  assert_int_equal(count_files(path), 0);
  DIR *dir = opendir(data_dir); /* no temporary file left (active.tmp-RANDOM) */
  for (struct dirent *e; dir && (e = readdir(dir));)
    if (strstr(e->d_name, ".tmp"))
      fail_msg("%s/%s was left behind", data_dir, e->d_name);
  if (dir)
    closedir(dir);
  if (!ks_install_active(data_dir, path, sizeof path))
    return;
  ks_diag *d = ks_diag_create();
  ks_pack *p = ks_pack_open(path, d);
  assert_non_null(p);
  if (!ks_pack_verify(p, d)) {
    ks_diag_print(d, stderr);
    fail_msg("the active pack %s does not verify", path);
  }
  /* Never a pack shown above the highest version recorded for it: the record is raised,
   * durably, before the switch. */
  char id[65], mark_sha[65];
  int64_t version, mark = 0;
  assert_true(ks_pack_identity(p, id, sizeof id, &version));
  assert_true(ks_install_highest(data_dir, id, &mark, mark_sha));
  assert_true(version <= mark);
  ks_pack_close(p);
  ks_diag_destroy(d);
  sha256_of(path, sha);
  assert_non_null(strstr(path, sha));
  /* Only the shown pack and the one kept for rollback stay. */
  snprintf(path, sizeof path, "%s/packs", data_dir);
  assert_true(count_files(path) <= 2);
}

static void fresh_folder(void) { rm_tree(data_dir); }

/* ---- set-up -------------------------------------------------------------------------------- */

static int setup(void **state) {
  (void)state;
  if (sodium_init() < 0)
    return -1;
  ks_sign_keygen(&pub, &sec);
  ks_sign_keygen(&stranger, &stranger_sec);
  build_pack(v3, sizeof v3, "inst-v3.kpack", 3, NULL);
  build_pack(v4, sizeof v4, "inst-v4.kpack", 4, NULL);
  sha256_of(v3, sha3);
  sha256_of(v4, sha4);
  ts_tmp(data_dir, sizeof data_dir, "inst-data");
  return 0;
}

/* ---- the happy path ------------------------------------------------------------------------ */

static void installs_keeps_previous_and_rolls_back(void **state) {
  (void)state;
  fresh_folder();
  ks_installed cur, prev;
  ks_diag *d = ks_diag_create();
  assert_false(ks_install_status(data_dir, &cur, &prev, d));
  assert_true(ks_diag_contains(d, "no pack is installed"));
  ks_diag_destroy(d);

  expect_installed(v3);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha3);
  expect_installed(v4);
  check_folder(sha);
  assert_string_equal(sha, sha4);

  d = ks_diag_create();
  assert_true(ks_install_status(data_dir, &cur, &prev, d));
  assert_string_equal(cur.sha256, sha4);
  assert_int_equal(cur.version, 4);
  assert_true(prev.present);
  assert_string_equal(prev.sha256, sha3);
  assert_int_equal(prev.version, 3);
  assert_string_equal(cur.id, prev.id);

  ks_install_opts o = opts(NULL);
  assert_true(ks_install_rollback(&o, d));
  assert_true(ks_install_status(data_dir, &cur, &prev, d));
  assert_string_equal(cur.sha256, sha3);
  assert_string_equal(prev.sha256, sha4);
  ks_diag_destroy(d);
  check_folder(sha);
  assert_string_equal(sha, sha3);
}

/* A pack the install checked in full is recorded as vetted, so the start that shows it does not
 * check it all again (the vetting would warn about the missing fonts if it ran). */
static void an_installed_pack_is_remembered_as_vetted(void **state) {
  (void)state;
  fresh_folder();
  ks_install_opts o = opts(NULL);
  o.vet_stamp = "test";
  bool ok;
  ks_diag *d = install(v3, &o, &ok);
  assert_true(ok);
  ks_diag_destroy(d);
  char path[2048], record[2048];
  assert_true(ks_install_active(data_dir, path, sizeof path));
  assert_true(ks_vet_record_path(data_dir, record, sizeof record));
  ks_vet_opts vo = {.fonts_dir = "/nonexistent", .record = record, .stamp = "test"};
  ks_pack *pack;
  d = ks_diag_create();
  ks_content *c = ks_vet_open(path, &vo, &pack, d);
  assert_non_null(c);
  if (ks_diag_size(d))
    ks_diag_print(d, stderr);
  assert_int_equal(ks_diag_size(d), 0);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
}

/* ---- refusals ------------------------------------------------------------------------------ */

/* Installs `path` over v3 and expects a refusal mentioning `needle`, with v3 still shown. */
static void expect_refused_with(const char *path, const ks_install_opts *opts_in,
                                const char *needle) {
  bool ok;
  ks_refusal why = {0};
  ks_install_opts o = *opts_in;
  o.refusal = &why;
  ks_diag *d = install(path, &o, &ok);
  if (ok || !ks_diag_contains(d, needle)) {
    ks_diag_print(d, stderr);
    fail_msg("%s: expected a refusal containing \"%s\"", path, needle);
  }
  ks_diag_destroy(d);
  /* The screen gets the reason in both languages. */
  assert_true(why.zh[0] && why.en[0]);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha3);
}

static void expect_refused(const char *path, const char *needle) {
  ks_install_opts o = opts(NULL);
  expect_refused_with(path, &o, needle);
}

/* A copy of v4 with its bytes replaced by `bytes`, signed properly, so that the refusal comes
 * from the checks of the content and not from the signature. */
static const char *signed_bytes(const char *name, const void *bytes, size_t n) {
  static char path[1024];
  ts_write(ts_tmp(path, sizeof path, name), bytes, n);
  sign_as(path, &sec, "pack:test-pack version:4");
  return path;
}

static const char *signed_sql(const char *name, const char *sql) {
  static char path[1024];
  size_t n;
  unsigned char *bytes = ts_read(v4, &n);
  ts_write(ts_tmp(path, sizeof path, name), bytes, n);
  free(bytes);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  sign_as(path, &sec, "pack:test-pack version:4");
  return path;
}

static void refuses_bad_signatures(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  char path[1024], sig[1100];
  size_t n;
  unsigned char *bytes = ts_read(v4, &n);

  ts_write(ts_tmp(path, sizeof path, "unsigned.kpack"), bytes, n);
  snprintf(sig, sizeof sig, "%s.minisig", path);
  unlink(sig);
  expect_refused(path, "the pack is not signed");

  ts_write(ts_tmp(path, sizeof path, "stranger.kpack"), bytes, n);
  sign_as(path, &stranger_sec, "pack:test-pack version:4");
  expect_refused(path, "does not trust");

  /* v3's signature beside v4's bytes: a signature for another pack. */
  ts_write(ts_tmp(path, sizeof path, "other-sig.kpack"), bytes, n);
  size_t sn;
  char v3sig[1100];
  snprintf(v3sig, sizeof v3sig, "%s.minisig", v3);
  unsigned char *sig3 = ts_read(v3sig, &sn);
  snprintf(sig, sizeof sig, "%s.minisig", path);
  ts_write(sig, sig3, sn);
  free(sig3);
  expect_refused(path, "does not match the pack");

  /* Signed, but the trusted comment names another version. */
  ts_write(ts_tmp(path, sizeof path, "comment.kpack"), bytes, n);
  sign_as(path, &sec, "pack:test-pack version:9");
  expect_refused(path, "the signature is for \"pack:test-pack version:9\", but the pack is "
                       "\"pack:test-pack version:4\"");
  free(bytes);

  /* Two trusted keys (rotation): either one will do. */
  ks_pubkey both[2] = {stranger, pub};
  ks_install_opts o = opts(NULL);
  o.keys = both;
  o.n_keys = 2;
  bool ok;
  ks_diag *d = install(v4, &o, &ok);
  assert_true(ok);
  ks_diag_destroy(d);
}

static void refuses_older_versions_unless_asked(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v4);
  ks_install_opts o = opts(NULL);
  bool ok;
  ks_diag *d = install(v3, &o, &ok);
  assert_false(ok);
  assert_true(ks_diag_contains(d, "version 3 is older than the installed version 4"));
  ks_diag_destroy(d);
  ks_refusal why = {0};
  o.refusal = &why;
  d = install(v4, &o, &ok);
  assert_false(ok);
  assert_true(ks_diag_contains(d, "already the one shown"));
  assert_true(why.already_shown); /* the running kiosk says nothing on screen about it */
  ks_diag_destroy(d);
  o.refusal = NULL;
  o.allow_older = true;
  d = install(v3, &o, &ok);
  assert_true(ok);
  ks_diag_destroy(d);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha3);
}

static void break_nothing_but_title(ks_content *c) { c->meta.title.s[TS_EN] = "Another title"; }

static void other_id(ks_content *c) { c->meta.id = "other-pack"; }

/* Installing another pack in between does not open the door to an older version of the first
 * (the check was against the shown pack only), and the highest version of each pack is kept
 * across restarts and in a folder from before it was kept. */
static void refuses_older_versions_of_any_pack_seen(void **state) {
  (void)state;
  char other[1024], path[2048];
  build_pack(other, sizeof other, "inst-other.kpack", 1, other_id);
  for (int legacy = 0; legacy < 2; legacy++) {
    fresh_folder();
    expect_installed(v4);
    int64_t version = 0;
    char sha[65];
    assert_true(ks_install_highest(data_dir, "test-pack", &version, sha));
    assert_int_equal(version, 4);
    assert_string_equal(sha, sha4);
    if (legacy) { /* a folder written before the kiosk kept the highest versions */
      snprintf(path, sizeof path, "%s/versions", data_dir);
      assert_int_equal(unlink(path), 0);
    }
    expect_installed(other);
    ks_install_recover(data_dir, NULL); /* a restart keeps what was seen */
    ks_install_opts o = opts(NULL);
    bool ok;
    ks_diag *d = install(v3, &o, &ok);
    assert_false(ok);
    assert_true(ks_diag_contains(
        d, "\"test-pack\" version 3 is older than version 4, installed here before"));
    ks_diag_destroy(d);
    check_folder(sha);
    assert_true(sha[0] != 0); /* something is still shown */
    /* v4 itself may come back, and v3 only when a rollback is asked for. */
    expect_installed(v4);
    expect_installed(other);
    o.allow_older = true;
    d = install(v3, &o, &ok);
    assert_true(ok);
    ks_diag_destroy(d);
    assert_true(ks_install_highest(data_dir, "test-pack", &version, sha));
    assert_int_equal(version, 4); /* a rollback does not lower the mark */
  }
}

/* The same version with other bytes is refused even when another pack is shown meanwhile. */
static void refuses_the_same_version_with_other_content_after_another_pack(void **state) {
  (void)state;
  char other[1024], v4b[1024];
  build_pack(other, sizeof other, "inst-other.kpack", 1, other_id);
  build_pack(v4b, sizeof v4b, "inst-v4b.kpack", 4, break_nothing_but_title);
  fresh_folder();
  expect_installed(v4);
  expect_installed(other);
  ks_install_opts o = opts(NULL);
  bool ok;
  ks_diag *d = install(v4b, &o, &ok);
  assert_false(ok);
  assert_true(ks_diag_contains(d, "\"test-pack\" version 4 was installed here before with "
                                  "other content"));
  ks_diag_destroy(d);
}

/* pack rollback to a previous pack whose file is gone is refused and says why; status says what
 * is missing instead of failing silently; the automatic rollback shows the bundled pack. */
static void refuses_rollback_to_a_missing_pack(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  expect_installed(v4);
  char path[2048], sha[65];
  snprintf(path, sizeof path, "%s/packs/%s.kpack", data_dir, sha3);
  assert_int_equal(unlink(path), 0);
  ks_install_opts o = opts(NULL);
  ks_diag *d = ks_diag_create();
  assert_false(ks_install_rollback(&o, d));
  assert_true(ks_diag_contains(d, "the previous pack"));
  assert_true(ks_diag_contains(d, "is missing"));
  ks_diag_destroy(d);
  check_folder(sha);
  assert_string_equal(sha, sha4);
  ks_installed cur, prev;
  d = ks_diag_create();
  assert_true(ks_install_status(data_dir, &cur, &prev, d));
  assert_false(prev.present);
  assert_true(ks_diag_contains(d, "is missing"));
  ks_diag_destroy(d);
  /* Three failed starts with the previous pack gone: the bundled pack, not a missing one. */
  d = ks_diag_create();
  for (int i = 0; i < 2; i++)
    assert_int_equal(ks_install_starting(data_dir, 2, 600, 100 + i, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 2, 600, 200, d), KS_START_BUNDLED);
  ks_diag_destroy(d);
  check_folder(sha);
  assert_string_equal(sha, sha4);
  /* The shown pack itself gone: status says so. */
  snprintf(path, sizeof path, "%s/packs/%s.kpack", data_dir, sha4);
  assert_int_equal(unlink(path), 0);
  d = ks_diag_create();
  assert_false(ks_install_status(data_dir, &cur, &prev, d));
  assert_true(ks_diag_contains(d, "the active pack"));
  assert_true(ks_diag_contains(d, "is missing"));
  ks_diag_destroy(d);
}

static void refuses_unsigned_unless_the_developer_setting(void **state) {
  (void)state;
  fresh_folder();
  char path[1024], sig[1100];
  size_t n;
  unsigned char *bytes = ts_read(v3, &n);
  ts_write(ts_tmp(path, sizeof path, "dev.kpack"), bytes, n);
  free(bytes);
  snprintf(sig, sizeof sig, "%s.minisig", path);
  unlink(sig);
  ks_install_opts o = opts(NULL);
  o.allow_unsigned = true;
  bool ok;
  ks_diag *d = install(path, &o, &ok);
  assert_true(ok);
  assert_true(ks_diag_contains(d, "WITHOUT a signature"));
  ks_diag_destroy(d);
}

static void break_image_type(ks_content *c) {
  for (size_t i = 0; i < c->n_exhibits; i++)
    if (c->exhibits[i].n_images) {
      /* PNG by its signature, text after it */
      static const unsigned char liar[] = "\x89PNG\r\n\x1a\nbut really just some text here";
      c->exhibits[i].images[0].data = liar;
      c->exhibits[i].images[0].size = sizeof liar - 1;
      return;
    }
  fail_msg("the fixture has no image");
}

static unsigned char *huge;
static void oversize_image(ks_content *c) {
  huge = calloc(1, 20u << 20);
  memcpy(huge, "\x89PNG\r\n\x1a\n", 8);
  for (size_t i = 0; i < c->n_exhibits; i++)
    if (c->exhibits[i].n_images) {
      c->exhibits[i].images[0].data = huge;
      c->exhibits[i].images[0].size = 20u << 20;
      return;
    }
}

static void break_utf8(ks_content *c) { ((char *)c->exhibits[0].title.s[TS_ZH])[1] = (char)0xff; }

static void refuses_bad_packs(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  size_t n;
  unsigned char *bytes = ts_read(v4, &n);
  expect_refused(signed_bytes("zero.kpack", "", 0), "is empty (0 bytes)");
  expect_refused(signed_bytes("half.kpack", bytes, n / 2), "is truncated");
  unsigned char noise[8192];
  randombytes_buf(noise, sizeof noise);
  expect_refused(signed_bytes("noise.kpack", noise, sizeof noise), "not an SQLite database");
  /* One bit flipped inside an exhibit's text, then signed: the content hash catches it. */
  unsigned char *flipped = malloc(n);
  memcpy(flipped, bytes, n);
  const char *needle = "新型量子传感器";
  size_t at = 0;
  for (size_t i = 0; i + strlen(needle) <= n && !at; i++)
    if (memcmp(flipped + i, needle, strlen(needle)) == 0)
      at = i;
  assert_true(at > 0);
  flipped[at + 1] ^= 0x01;
  expect_refused(signed_bytes("flip.kpack", flipped, n), "the pack failed validation");
  free(flipped);
  unsigned char *newer = malloc(n);
  memcpy(newer, bytes, n);
  newer[63] = KS_PACK_SCHEMA_VERSION + 1; /* the schema version in the header's user_version */
  expect_refused(signed_bytes("newer.kpack", newer, n), "newer than this kiosk reads");
  free(newer);
  free(bytes);

  char path[1024];
  ts_tmp(path, sizeof path, "other-app.sqlite");
  unlink(path);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE notes(x); PRAGMA application_id=1234;", NULL, NULL, NULL);
  sqlite3_close(db);
  sign_as(path, &sec, "pack:test-pack version:4");
  expect_refused(path, "of another application");

  expect_refused(signed_sql("trigger.kpack", "CREATE TRIGGER t AFTER INSERT ON meta BEGIN "
                                             "DELETE FROM exhibit; END;"),
                 "holds a trigger");
  expect_refused(signed_sql("view.kpack", "CREATE VIEW v AS SELECT * FROM exhibit;"),
                 "holds a view");

  char p[1024];
  expect_refused(build_pack(p, sizeof p, "liar.kpack", 4, break_image_type),
                 "has a malformed PNG header");
  expect_refused(build_pack(p, sizeof p, "huge.kpack", 4, oversize_image),
                 "holds a value larger than any pack may");
  free(huge);
  expect_refused(build_pack(p, sizeof p, "utf8.kpack", 4, break_utf8), "UTF-8");
}

/* ---- the stick misbehaving ----------------------------------------------------------------- */

/* A file system whose reads of the pack grow the file on the stick after the first read. */
typedef struct {
  ks_fsops ops;
  const char *grow;
  int reads;
} growing;

static ssize_t grow_read(ks_fsops *o, int fd, void *buf, size_t n) {
  growing *g = (growing *)o;
  if (g->reads++ == 1) {
    FILE *f = fopen(g->grow, "ab");
    fputs("more bytes written while the kiosk copies", f);
    fclose(f);
  }
  return ks_fsops_posix()->read(ks_fsops_posix(), fd, buf, n < 4096 ? n : 4096);
}

/* Reads that fail after the first: the stick pulled out mid-copy. */
static ssize_t pulled_read(ks_fsops *o, int fd, void *buf, size_t n) {
  growing *g = (growing *)o;
  if (g->reads++ >= 1) {
    errno = EIO;
    return -1;
  }
  return ks_fsops_posix()->read(ks_fsops_posix(), fd, buf, n < 4096 ? n : 4096);
}

static int tiny_disk(ks_fsops *o, const char *path, uint64_t *bytes) {
  (void)o, (void)path;
  *bytes = 1000;
  return 0;
}

static void refuses_a_changing_stick_and_a_full_disk(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  char path[1024];
  size_t n;
  unsigned char *bytes = ts_read(v4, &n);
  ts_write(ts_tmp(path, sizeof path, "growing.kpack"), bytes, n);
  free(bytes);
  sign_as(path, &sec, "pack:test-pack version:4");
  growing g = {.ops = *ks_fsops_posix(), .grow = path};
  g.ops.read = grow_read;
  ks_install_opts o = opts(&g.ops);
  expect_refused_with(path, &o, "the file changed on the stick while it was copied");

  ks_fsops full = *ks_fsops_posix();
  full.free_space = tiny_disk;
  o = opts(&full);
  expect_refused_with(v4, &o, "not enough free space");

  /* A read that fails midway: the stick pulled out. */
  g = (growing){.ops = *ks_fsops_posix()};
  g.ops.read = pulled_read;
  o = opts(&g.ops);
  expect_refused_with(v4, &o, "the stick failed while copying");
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha3);
}

/* ---- links, FIFOs and huge files on a stick ----------------------------------------------------
 */

static char victim[1024];
static const char precious[] = "a file the kiosk must never overwrite";

static void expect_victim_untouched(void) {
  size_t n;
  unsigned char *bytes = ts_read(victim, &n);
  assert_int_equal(n, sizeof precious - 1);
  assert_memory_equal(bytes, precious, n);
  free(bytes);
}

/* A file system where an attacker wins every race: just before the kiosk creates a file, a link
 * to the victim appears at that very name (once per name, as a planted link would). */
typedef struct {
  ks_fsops ops;
  char planted[8][4096];
  int n_planted;
} planting;

static int plant_open(ks_fsops *o, const char *path, int flags, mode_t mode) {
  planting *p = (planting *)o;
  bool seen = false;
  for (int i = 0; i < p->n_planted; i++)
    seen |= strcmp(p->planted[i], path) == 0;
  if ((flags & O_CREAT) && !seen && p->n_planted < 8) {
    snprintf(p->planted[p->n_planted++], sizeof p->planted[0], "%s", path);
    symlink(victim, path);
  }
  return ks_fsops_posix()->open(ks_fsops_posix(), path, flags, mode);
}

static int plant_unlink(ks_fsops *o, const char *path) {
  int rc = ks_fsops_posix()->unlink(ks_fsops_posix(), path);
  (void)o;
  return rc;
}

static void never_writes_through_links(void **state) {
  (void)state;
  ts_write(ts_tmp(victim, sizeof victim, "inst-victim"), precious, sizeof precious - 1);
  fresh_folder();
  planting p = {.ops = *ks_fsops_posix()};
  p.ops.open = plant_open;
  p.ops.unlink = plant_unlink;
  ks_install_opts o = opts(&p.ops);
  bool ok;
  ks_diag *d = install(v3, &o, &ok);
  if (!ok)
    ks_diag_print(d, stderr);
  ks_diag_destroy(d);
  expect_victim_untouched();
  assert_true(ok);               /* a planted link costs a fresh name, not the install */
  assert_true(p.n_planted >= 2); /* the staging copy and the new `active` */
  expect_installed(v4);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha4);

  /* The record of starts, appended to at every start, is never appended through a link. */
  char starts[1100];
  snprintf(starts, sizeof starts, "%s/starts", data_dir);
  unlink(starts);
  assert_int_equal(symlink(victim, starts), 0);
  d = ks_diag_create();
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 1000, d), KS_START_AS_INSTALLED);
  expect_victim_untouched();
  assert_true(ks_diag_contains(d, "starts"));
  ks_diag_destroy(d);
  /* A link where a pack is expected on the stick is not followed either. */
  char link[1024];
  unlink(ts_tmp(link, sizeof link, "inst-link.kpack"));
  assert_int_equal(symlink(v4, link), 0);
  ks_refusal why = {0};
  o = opts(NULL);
  o.refusal = &why;
  d = install(link, &o, &ok);
  assert_false(ok);
  assert_true(ks_diag_contains(d, "is a symbolic link"));
  ks_diag_destroy(d);
}

static void copy_file(const char *from, const char *to) {
  size_t n;
  unsigned char *bytes = ts_read(from, &n);
  ts_write(to, bytes, n);
  free(bytes);
}

/* A copy of v4's bytes at `name`, without a signature, for a test to spoil its signature file. */
static const char *copy_of_v4(char *out, size_t size, const char *name, char *sig,
                              size_t sig_size) {
  copy_file(v4, ts_tmp(out, size, name));
  snprintf(sig, sig_size, "%s.minisig", out);
  rm_tree(sig);
  return out;
}

/* A FIFO where the signature should be, or a link to one, is refused at once: reading it would
 * wait for a writer forever (the install thread and the kiosk joining it with it). The alarm
 * turns a regression into a failure instead of a hang. */
static void refuses_fifos_at_once(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  char path[1024], sig[1100], fifo[1024];
  alarm(20);
  copy_of_v4(path, sizeof path, "fifo-sig.kpack", sig, sizeof sig);
  assert_int_equal(mkfifo(sig, 0600), 0);
  expect_refused(path, "fifo-sig.kpack.minisig");
  expect_refused(path, "not a regular file");

  copy_of_v4(path, sizeof path, "fifo-link.kpack", sig, sizeof sig);
  unlink(ts_tmp(fifo, sizeof fifo, "a-fifo"));
  assert_int_equal(mkfifo(fifo, 0600), 0);
  assert_int_equal(symlink(fifo, sig), 0);
  expect_refused(path, "fifo-link.kpack.minisig");
  expect_refused(path, "is a symbolic link");

  /* The pack itself a FIFO. */
  unlink(ts_tmp(path, sizeof path, "fifo.kpack"));
  assert_int_equal(mkfifo(path, 0600), 0);
  expect_refused(path, "not a regular file");

  /* As the running kiosk installs: on its thread, and the join that waits for it returns. */
  copy_of_v4(path, sizeof path, "fifo-job.kpack", sig, sizeof sig);
  assert_int_equal(mkfifo(sig, 0600), 0);
  double progress = 0;
  ks_refusal why;
  assert_false(run_job(path, &progress, &why));
  assert_non_null(strstr(why.en, "not a regular file"));
  alarm(0);
}

/* A signature file that is there but cannot be used is not reported as missing. */
static void tells_a_missing_signature_from_a_bad_one(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  char path[1024], sig[1100];
  copy_of_v4(path, sizeof path, "big-sig.kpack", sig, sizeof sig);
  char big[9000];
  memset(big, '#', sizeof big);
  ts_write(sig, big, sizeof big);
  expect_refused(path, "big-sig.kpack.minisig is larger than 8192 bytes");
  ks_install_opts o = opts(NULL);
  bool ok;
  ks_diag *d = install(path, &o, &ok);
  assert_false(ok);
  assert_false(ks_diag_contains(d, "not signed"));
  ks_diag_destroy(d);

  copy_of_v4(path, sizeof path, "dir-sig.kpack", sig, sizeof sig);
  assert_int_equal(mkdir(sig, 0755), 0);
  expect_refused(path, "dir-sig.kpack.minisig is a folder, not a regular file");

  copy_of_v4(path, sizeof path, "no-sig.kpack", sig, sizeof sig);
  expect_refused(path, "the pack is not signed (no ");
}

/* Counts the bytes read and written; writes fail after 1 MiB so that a regression copying a huge
 * file fails quickly instead of filling the disk. The disk seems to have room for anything. */
typedef struct {
  ks_fsops ops;
  uint64_t read, written;
} counting;

static ssize_t count_read(ks_fsops *o, int fd, void *buf, size_t n) {
  counting *c = (counting *)o;
  ssize_t r = ks_fsops_posix()->read(ks_fsops_posix(), fd, buf, n);
  c->read += r > 0 ? (uint64_t)r : 0;
  return r;
}

static ssize_t count_write(ks_fsops *o, int fd, const void *buf, size_t n) {
  counting *c = (counting *)o;
  if (c->written > (1u << 20)) {
    errno = EIO;
    return -1;
  }
  ssize_t w = ks_fsops_posix()->write(ks_fsops_posix(), fd, buf, n);
  c->written += w > 0 ? (uint64_t)w : 0;
  return w;
}

static int roomy_disk(ks_fsops *o, const char *path, uint64_t *bytes) {
  (void)o, (void)path;
  *bytes = UINT64_C(1) << 42;
  return 0;
}

/* A sparse file of 10 GiB starting with `head`. */
static const char *huge_file(char *out, size_t size, const char *name, const void *head, size_t n) {
  ts_write(ts_tmp(out, size, name), head, n);
  assert_int_equal(truncate(out, (off_t)10 << 30), 0);
  char sig[1100], v4sig[1100];
  snprintf(sig, sizeof sig, "%s.minisig", out);
  snprintf(v4sig, sizeof v4sig, "%s.minisig", v4);
  copy_file(v4sig, sig); /* a signature is there: the refusal must come from the checks */
  return out;
}

static void checks_the_header_and_size_before_copying(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  char path[1024];
  size_t n;
  unsigned char *bytes = ts_read(v4, &n);
  counting c = {.ops = *ks_fsops_posix()};
  c.ops.read = count_read;
  c.ops.write = count_write;
  c.ops.free_space = roomy_disk;
  ks_install_opts o = opts(&c.ops);
  alarm(60);
  expect_refused_with(huge_file(path, sizeof path, "huge-noise.kpack", "not a pack at all", 17), &o,
                      "not an SQLite database");
  assert_int_equal(c.written, 0);
  assert_true(c.read <= 100); /* the header alone */
  c.read = c.written = 0;
  /* A real pack's header, but 10 GiB: over the cap, refused before a byte is copied. */
  expect_refused_with(huge_file(path, sizeof path, "huge-pack.kpack", bytes, n), &o,
                      "larger than any pack may be");
  assert_int_equal(c.written, 0);
  assert_true(c.read <= 100);
  alarm(0);
  unlink(path);
  ts_tmp(path, sizeof path, "huge-noise.kpack");
  unlink(path);
  free(bytes);
}

/* ---- progress and automatic rollback -------------------------------------------------------- */

typedef struct {
  double last;
  int calls;
  bool backwards;
} progress_log;

static void on_progress(void *ctx, double fraction) {
  progress_log *p = ctx;
  p->backwards |= fraction < p->last;
  p->last = fraction;
  p->calls++;
}

static void reports_progress(void **state) {
  (void)state;
  fresh_folder();
  progress_log log = {0};
  ks_install_opts o = opts(NULL);
  o.progress = on_progress;
  o.progress_ctx = &log;
  bool ok;
  ks_diag_destroy(install(v3, &o, &ok));
  assert_true(ok);
  assert_true(log.calls >= 2);
  assert_false(log.backwards);
  assert_float_equal(log.last, 1.0, 1e-9);
}

static void rolls_back_a_pack_that_keeps_failing(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  expect_installed(v4);
  ks_diag *d = ks_diag_create();
  /* Two crashes long ago and two now: only the recent ones count. */
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 1000, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 1100, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5000, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5100, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_diag_size(d), 0);
  /* A good start clears the record. */
  ks_install_started(data_dir);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5200, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5300, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5400, d), KS_START_AS_INSTALLED);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha4);
  /* The third failure within ten minutes: back to v3. */
  assert_int_equal(ks_install_starting(data_dir, 3, 600, 5500, d), KS_START_ROLLED_BACK);
  assert_true(ks_diag_contains(d, "failed to start 3 times within 10 minutes: rolled back"));
  check_folder(sha);
  assert_string_equal(sha, sha3);
  ks_diag_destroy(d);

  /* With no previous pack, the bundled one is shown instead. */
  fresh_folder();
  expect_installed(v3);
  d = ks_diag_create();
  for (int i = 0; i < 2; i++)
    assert_int_equal(ks_install_starting(data_dir, 2, 600, 100 + i, d), KS_START_AS_INSTALLED);
  assert_int_equal(ks_install_starting(data_dir, 2, 600, 200, d), KS_START_BUNDLED);
  assert_true(ks_diag_contains(d, "showing the bundled pack"));
  ks_diag_destroy(d);
}

/* ---- the running kiosk's side: sticks and background installs ------------------------------ */

static void touch(const char *path) { ts_write(path, "x", 1); }

static void finds_packs_on_sticks(void **state) {
  (void)state;
  char root[1024], p[1200];
  ts_tmp(root, sizeof root, "media");
  rm_tree(root);
  mkdir(root, 0755);
  snprintf(p, sizeof p, "%s/alice", root), mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/alice/STICK", root), mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/alice/STICK/deep", root), mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/top.kpack", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/b.kpack", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/a.kpack", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/notes.txt", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/.hidden.kpack", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/deep/too-deep.kpack", root), touch(p);
  snprintf(p, sizeof p, "%s/alice/STICK/link.kpack", root);
  assert_int_equal(symlink(v4, p), 0); /* a link on a stranger's stick is not followed */
  const char *roots[] = {root, KS_TEST_TMP "/no-such-mount"};
  ks_found_pack found[8];
  size_t n = ks_watch_find(roots, 2, found, 8, NULL, NULL);
  assert_int_equal(n, 3);
  assert_non_null(strstr(found[0].path, "/alice/STICK/a.kpack"));
  assert_non_null(strstr(found[1].path, "/alice/STICK/b.kpack"));
  assert_non_null(strstr(found[2].path, "/top.kpack"));
  assert_int_equal(found[0].size, 1);
  assert_int_equal(ks_watch_find(roots, 2, found, 1, NULL, NULL), 1); /* at most `max` */
}

static void installs_in_the_background(void **state) {
  (void)state;
  fresh_folder();
  expect_installed(v3);
  double progress = 0;
  ks_refusal why;
  assert_true(run_job(v4, &progress, &why));
  assert_float_equal(progress, 1.0, 1e-9);
  char sha[65];
  check_folder(sha);
  assert_string_equal(sha, sha4);
  /* A refusal comes back in plain words, without the file's path. */
  assert_false(run_job(v3, &progress, &why));
  assert_string_equal(why.en, "version 3 is older than the installed version 4; ask for a "
                              "rollback explicitly to install it");
  assert_string_equal(why.zh, "版本 3 比已安装的版本 4 旧；如需回退，请明确要求回退");
}

/* ---- fault injection ----------------------------------------------------------------------- */

/* For every N, fails the Nth file operation of an install (over `before`, or into an empty
 * folder) and checks the folder after a restart's recovery. Stops when the install completes. */
static void faults_everywhere(ks_fault_mode mode, bool over_v3) {
  uint64_t n;
  for (n = 1; n < 10000; n++) {
    fresh_folder();
    if (over_v3)
      expect_installed(v3);
    ks_fault f;
    ks_fault_init(&f, n, mode);
    ks_install_opts o = opts(&f.ops);
    bool ok;
    ks_diag *d = install(v4, &o, &ok);
    if (!ok && !f.killed && ks_diag_size(d) == 0)
      fail_msg("fault %d at operation %llu: refused without saying why", (int)mode,
               (unsigned long long)n);
    ks_diag_destroy(d);
    ks_install_recover(data_dir, NULL); /* the next start */
    char sha[65];
    check_folder(sha);
    if (ok)
      assert_string_equal(sha, sha4);
    else if (over_v3)
      assert_true(strcmp(sha, sha3) == 0 || strcmp(sha, sha4) == 0);
    else
      assert_true(sha[0] == '\0' || strcmp(sha, sha4) == 0);
    if (f.count < n) { /* the install finished before the Nth operation: every N was tried */
      assert_true(ok);
      break;
    }
  }
  assert_true(n < 10000);
}

static void faults_error(void **state) {
  (void)state;
  faults_everywhere(KS_FAULT_ERROR, true);
  faults_everywhere(KS_FAULT_ERROR, false);
}
static void faults_short_write(void **state) {
  (void)state;
  faults_everywhere(KS_FAULT_SHORT_WRITE, true);
}
static void faults_kill(void **state) {
  (void)state;
  faults_everywhere(KS_FAULT_KILL, true);
  faults_everywhere(KS_FAULT_KILL, false);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(installs_keeps_previous_and_rolls_back),
      cmocka_unit_test(an_installed_pack_is_remembered_as_vetted),
      cmocka_unit_test(refuses_bad_signatures),
      cmocka_unit_test(refuses_older_versions_unless_asked),
      cmocka_unit_test(refuses_older_versions_of_any_pack_seen),
      cmocka_unit_test(refuses_the_same_version_with_other_content_after_another_pack),
      cmocka_unit_test(refuses_rollback_to_a_missing_pack),
      cmocka_unit_test(refuses_unsigned_unless_the_developer_setting),
      cmocka_unit_test(refuses_bad_packs),
      cmocka_unit_test(refuses_a_changing_stick_and_a_full_disk),
      cmocka_unit_test(never_writes_through_links),
      cmocka_unit_test(refuses_fifos_at_once),
      cmocka_unit_test(tells_a_missing_signature_from_a_bad_one),
      cmocka_unit_test(checks_the_header_and_size_before_copying),
      cmocka_unit_test(reports_progress),
      cmocka_unit_test(rolls_back_a_pack_that_keeps_failing),
      cmocka_unit_test(finds_packs_on_sticks),
      cmocka_unit_test(installs_in_the_background),
      cmocka_unit_test(faults_error),
      cmocka_unit_test(faults_short_write),
      cmocka_unit_test(faults_kill),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
