#include "kiosk/install.h"

#include "kiosk/fileio.h"
#include "kiosk/glyphs.h"
#include "kiosk/mem.h"
#include "kiosk/pack.h"
#include "kiosk/validate.h"
#include "kiosk/vet.h"
#include "versions.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MARGIN = 1 << 20 }; /* free space kept beyond the new pack, for the folder's small files */

/* What names the kiosk's temporary files in the data folder (NAME.tmp-RANDOM): whatever carries
 * it is left by an interrupted write and removed at the next start. */
#define TMP_MARK ".tmp-"

static ks_fsops *ops_of(const ks_install_opts *o) { return o->ops ? o->ops : ks_fsops_posix(); }

/* A refusal: the log gets the English line, the screen the first refusal in both languages. */
static void refused(const ks_install_opts *o, ks_diag *diag, const char *src, const char *zh,
                    const char *en) {
  ks_diag_add(diag, KS_ERROR, (ks_loc){.file = src}, "refused: %s", en);
  if (o->refusal && !o->refusal->en[0]) {
    snprintf(o->refusal->zh, sizeof o->refusal->zh, "%s", zh);
    snprintf(o->refusal->en, sizeof o->refusal->en, "%s", en);
  }
}

/* Both formats are literals, checked against the same arguments by the compiler. */
#define REFUSE(o, diag, src, zh, en, ...)                                                          \
  do {                                                                                             \
    char zh_[1024], en_[1024];                                                                     \
    snprintf(zh_, sizeof zh_, zh, __VA_ARGS__);                                                    \
    snprintf(en_, sizeof en_, en, __VA_ARGS__);                                                    \
    refused(o, diag, src, zh_, en_);                                                               \
  } while (0)

static void path_of(char *out, size_t size, const char *dir, const char *name) {
  snprintf(out, size, "%s/%s", dir, name);
}

/* Where an installed pack lives: named by the SHA-256 of its bytes. */
static void pack_path(char *out, size_t size, const char *dir, const char *sha) {
  snprintf(out, size, "%s/packs/%s.kpack", dir, sha);
}

/* fsync of a directory, so that a rename in it survives a power cut. */
static bool sync_dir(ks_fsops *ops, const char *dir) {
  int fd = ops->open(ops, dir, O_RDONLY | O_DIRECTORY, 0);
  if (fd < 0)
    return false;
  bool ok = ops->fsync(ops, fd) == 0;
  return ops->close(ops, fd) == 0 && ok;
}

/* ---- the active file ------------------------------------------------------------------------ */

/* Reads DIR/active: the current and previous packs' SHA-256 (empty strings when none). */
static bool read_active(const char *dir, char current[65], char previous[65]) {
  char path[4096], err[128];
  current[0] = previous[0] = '\0';
  path_of(path, sizeof path, dir, "active");
  size_t size;
  char *text = ks_file_read(path, 4096, &size, err, sizeof err);
  if (!text)
    return false;
  char c[65] = "", p[65] = "";
  bool ok = sscanf(text, "current %64s previous %64s", c, p) >= 1 && strlen(c) == 64;
  free(text);
  if (ok) {
    memcpy(current, c, 65);
    memcpy(previous, strlen(p) == 64 ? p : "", strlen(p) == 64 ? 65 : 1);
  }
  return ok;
}

/* ks_file_create_temp's way of making a file, through the install's file operations. */
static int ops_open(void *ctx, const char *path, int flags, mode_t mode) {
  ks_fsops *ops = ctx;
  return ops->open(ops, path, flags, mode);
}

/* Replaces DIR/NAME atomically: written whole to a new temporary file (DIR/NAME.tmp-RANDOM, never
 * through a link), synced, renamed, folder synced. */
static bool replace_file(ks_fsops *ops, const char *dir, const char *name, const char *text,
                         size_t n) {
  char tmp[4096 + 64], path[4096], prefix[128];
  path_of(path, sizeof path, dir, name);
  snprintf(prefix, sizeof prefix, "%s" TMP_MARK, name);
  int fd = ks_file_create_temp(dir, prefix, 0644, ops_open, ops, tmp, sizeof tmp);
  if (fd < 0)
    return false;
  bool ok = true;
  for (size_t done = 0; ok && done < n;) {
    ssize_t w = ops->write(ops, fd, text + done, n - done);
    ok = w > 0;
    done += ok ? (size_t)w : 0;
  }
  ok = ok && ops->fsync(ops, fd) == 0;
  ok = ops->close(ops, fd) == 0 && ok;
  ok = ok && ops->rename(ops, tmp, path) == 0;
  if (!ok) {
    int e = errno;
    ops->unlink(ops, tmp);
    errno = e;
    return false;
  }
  return sync_dir(ops, dir);
}

/* Replaces DIR/active: which pack is shown, and which is kept for rollback. */
static bool write_active(ks_fsops *ops, const char *dir, const char *current,
                         const char *previous) {
  char text[256];
  int n = snprintf(text, sizeof text, "current %s\nprevious %s\n", current,
                   previous && *previous ? previous : "-");
  return replace_file(ops, dir, "active", text, (size_t)n);
}

bool ks_install_active(const char *data_dir, char *out, size_t size) {
  char current[65], previous[65];
  if (!read_active(data_dir, current, previous))
    return false;
  pack_path(out, size, data_dir, current);
  return true;
}

/* ---- copying --------------------------------------------------------------------------------- */

typedef struct {
  uint8_t blake2b[KS_SIGN_HASH_BYTES]; /* what signatures cover */
  char sha256[65];                     /* what names the installed file */
} hashes;

/* Says why a step failed, in both languages. */
#define WHY(why, ZH, EN, ...)                                                                      \
  (snprintf((why)->zh, sizeof(why)->zh, ZH, __VA_ARGS__),                                          \
   snprintf((why)->en, sizeof(why)->en, EN, __VA_ARGS__))

/* Copies the rest of the stick's file `in` (whose first `head_n` bytes, `head`, were read already)
 * to a new file in `staging` (its name into `part`) through `ops`, hashing as it goes: the stick
 * is read once. */
static bool copy_hashing(const ks_install_opts *o, int in, const unsigned char *head, size_t head_n,
                         const char *staging, char *part, size_t part_size, off_t expect, hashes *h,
                         ks_refusal *why) {
  ks_fsops *ops = ops_of(o);
  int out = ks_file_create_temp(staging, "incoming-", 0644, ops_open, ops, part, part_size);
  if (out < 0) {
    WHY(why, "无法在 %.200s 中创建副本：%s", "cannot create the copy in %.200s: %s", staging,
        strerror(errno));
    part[0] = '\0';
    return false;
  }
  crypto_generichash_state b2;
  crypto_hash_sha256_state s2;
  crypto_generichash_init(&b2, NULL, 0, KS_SIGN_HASH_BYTES);
  crypto_hash_sha256_init(&s2);
  unsigned char *buf = ks_xmalloc(1 << 16);
  off_t total = 0;
  bool ok = true;
  for (bool first = true;; first = false) {
    ssize_t r = first ? (ssize_t)head_n : ops->read(ops, in, buf, 1 << 16);
    if (first)
      memcpy(buf, head, head_n);
    if (r < 0) {
      WHY(why, "复制时U盘读取失败：%s", "the stick failed while copying: %s", strerror(errno));
      ok = false;
      break;
    }
    if (r == 0)
      break;
    crypto_generichash_update(&b2, buf, (size_t)r);
    crypto_hash_sha256_update(&s2, buf, (size_t)r);
    total += r;
    if (o->progress && expect > 0) /* copying is most of the time an install takes */
      o->progress(o->progress_ctx,
                  0.8 * (double)(total < expect ? total : expect) / (double)expect);
    for (ssize_t done = 0; ok && done < r;) { /* a short write continues where it stopped */
      ssize_t w = ops->write(ops, out, buf + done, (size_t)(r - done));
      if (w <= 0) {
        WHY(why, "无法写入本地副本：%s", "cannot write the local copy: %s", strerror(errno));
        ok = false;
      } else {
        done += w;
      }
    }
    if (!ok)
      break;
  }
  free(buf);
  if (ok && total != expect) {
    WHY(why, "复制期间U盘上的文件发生了变化（%lld 字节而非 %lld 字节）",
        "the file changed on the stick while it was copied (%lld bytes instead of %lld)",
        (long long)total, (long long)expect);
    ok = false;
  }
  if (ok && ops->fsync(ops, out) != 0) {
    WHY(why, "无法同步本地副本：%s", "cannot sync the local copy: %s", strerror(errno));
    ok = false;
  }
  ok = ops->close(ops, out) == 0 && ok;
  uint8_t digest[32];
  crypto_generichash_final(&b2, h->blake2b, KS_SIGN_HASH_BYTES);
  crypto_hash_sha256_final(&s2, digest);
  sodium_bin2hex(h->sha256, sizeof h->sha256, digest, sizeof digest);
  return ok;
}

/* ---- checking ------------------------------------------------------------------------------- */

/* A finding about the local copy, without the copy's path (which means nothing to a curator). */
static const char *without_path(const char *text, const char *copy) {
  size_t n = strlen(copy);
  if (strncmp(text, copy, n) == 0 && text[n] == ':') {
    text += n + 1;
    text += strspn(text, " ");
    if (strncmp(text, "error: ", 7) == 0)
      text += 7;
  }
  return text;
}

/* Refuses with the first few errors in `d`, which are about the file at `path`. */
static void refuse_findings(const ks_install_opts *o, ks_diag *diag, const char *src, ks_diag *d,
                            const char *path) {
  size_t shown = 0;
  for (size_t i = 0; i < ks_diag_size(d) && shown < 5; i++)
    if (ks_diag_severity(d, i) == KS_ERROR) {
      REFUSE(o, diag, src, "内容包未通过校验：%s", "the pack failed validation: %s",
             without_path(ks_diag_text(d, i), path));
      shown++;
    }
  if (!shown)
    REFUSE(o, diag, src, "无法读取内容包%s", "the pack could not be read%s", "");
}

/* Opens the local copy hardened, verifies and validates it, and reads its id and version. */
static bool check_copy(const char *copy, const ks_install_opts *o, ks_installed *info,
                       ks_diag *diag, const char *src) {
  ks_diag *d = ks_diag_create();
  ks_pack *pack = ks_pack_open(copy, d);
  ks_content *c = pack && ks_pack_verify(pack, d) ? ks_pack_read(pack, d) : NULL;
  char err[512];
  ks_glyphs *glyphs = c && o->fonts_dir ? ks_glyphs_open(o->fonts_dir, err, sizeof err) : NULL;
  if (c) {
    ks_validate_opts vo = {.glyphs = glyphs};
    ks_validate(c, &vo, d);
  }
  bool ok = c && ks_diag_count(d, KS_ERROR) == 0;
  if (!ok) {
    refuse_findings(o, diag, src, d, copy);
  } else {
    info->present = true;
    snprintf(info->id, sizeof info->id, "%s", c->meta.id);
    info->version = c->meta.version;
    snprintf(info->content_hash, sizeof info->content_hash, "%s",
             c->meta.content_hash ? c->meta.content_hash : "");
  }
  ks_glyphs_close(glyphs);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
  return ok;
}

/* Reads the id and version of an installed pack (cheap: its metadata only). */
static bool describe(const char *dir, const char *sha, ks_installed *info) {
  char path[4096];
  pack_path(path, sizeof path, dir, sha);
  ks_diag *d = ks_diag_create();
  ks_pack *pack = ks_pack_open(path, d);
  bool ok = pack && ks_pack_identity(pack, info->id, sizeof info->id, &info->version);
  if (ok) {
    info->present = true;
    snprintf(info->sha256, sizeof info->sha256, "%s", sha);
  }
  ks_pack_close(pack);
  ks_diag_destroy(d);
  return ok;
}

/* Removes installed packs that are neither current nor previous. */
static void prune(ks_fsops *ops, const char *dir, const char *current, const char *previous) {
  char packs[4096], path[4096 + 256];
  path_of(packs, sizeof packs, dir, "packs");
  DIR *d = opendir(packs);
  if (!d)
    return;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.' || strlen(e->d_name) != 64 + 6)
      continue;
    if (strncmp(e->d_name, current, 64) == 0 || (previous && strncmp(e->d_name, previous, 64) == 0))
      continue;
    snprintf(path, sizeof path, "%s/%s", packs, e->d_name);
    ops->unlink(ops, path);
  }
  closedir(d);
}

void ks_install_recover(const char *data_dir, ks_fsops *ops) {
  if (!ops)
    ops = ks_fsops_posix();
  char staging[4096], path[4096 + 256];
  path_of(staging, sizeof staging, data_dir, "staging");
  DIR *d = opendir(staging);
  for (struct dirent *e; d && (e = readdir(d));)
    if (e->d_name[0] != '.') {
      snprintf(path, sizeof path, "%s/%s", staging, e->d_name);
      ops->unlink(ops, path);
    }
  if (d)
    closedir(d);
  /* Temporary files of the folder: NAME.tmp-RANDOM, and active.tmp of older kiosks. */
  d = opendir(data_dir);
  for (struct dirent *e; d && (e = readdir(d));)
    if (strstr(e->d_name, TMP_MARK) || strcmp(e->d_name, "active.tmp") == 0) {
      snprintf(path, sizeof path, "%s/%s", data_dir, e->d_name);
      ops->unlink(ops, path);
    }
  if (d)
    closedir(d);
  /* A pack moved into packs/ by an install cut off before the switch is shown by nobody. */
  char current[65], previous[65];
  if (read_active(data_dir, current, previous))
    prune(ops, data_dir, current, previous);
}

/* Checks `in` (its bytes' SHA-256 `sha`) against the shown pack and the highest version of its id
 * ever installed here, which `seen` returns (with the shown and previous packs' own versions
 * added, for a folder from before the record was kept). False, with the refusal said, when it is
 * older, or the same version with other bytes, and no rollback was asked for; or the very pack
 * shown. */
static bool check_version(const ks_install_opts *o, ks_diag *diag, const char *src, const char *dir,
                          const char *current, const char *previous, const ks_installed *in,
                          const char *sha, ks_versions *seen) {
  ks_installed now = {0}, before = {0};
  if (current && describe(dir, current, &now))
    ks_versions_raise(seen, now.id, now.version, current);
  if (previous && *previous && describe(dir, previous, &before))
    ks_versions_raise(seen, before.id, before.version, previous);
  ks_versions_read(dir, seen);
  if (now.present && strcmp(current, sha) == 0) {
    REFUSE(o, diag, src, "该内容包（版本 %" PRId64 "）已在展示",
           "this pack (version %" PRId64 ") is already the one shown", now.version);
    if (o->refusal)
      o->refusal->already_shown = true;
    return false;
  }
  const ks_version_mark *m = ks_versions_find(seen, in->id);
  if (!m || o->allow_older || in->version > m->version)
    return true;
  bool shown = now.present && strcmp(now.id, in->id) == 0 && now.version == m->version;
  if (in->version < m->version && shown) {
    REFUSE(o, diag, src, "版本 %" PRId64 " 比已安装的版本 %" PRId64 " 旧；如需回退，请明确要求回退",
           "version %" PRId64 " is older than the installed version %" PRId64
           "; ask for a rollback explicitly to install it",
           in->version, m->version);
    return false;
  }
  if (in->version < m->version) {
    REFUSE(o, diag, src,
           "“%s”的版本 %" PRId64 " 比此前在此安装过的版本 %" PRId64 " 旧；如需回退，请明确要求回退",
           "\"%s\" version %" PRId64 " is older than version %" PRId64
           ", installed here before; ask for a rollback explicitly to install it",
           in->id, in->version, m->version);
    return false;
  }
  if (strcmp(m->sha256, sha) != 0) { /* the same version, other bytes */
    if (shown)
      REFUSE(o, diag, src, "版本 %" PRId64 " 已安装且内容不同；请提高内容包的版本号",
             "version %" PRId64 " is installed already with other content; raise the "
             "pack's version",
             in->version);
    else
      REFUSE(o, diag, src, "“%s”的版本 %" PRId64 " 此前在此安装过且内容不同；请提高内容包的版本号",
             "\"%s\" version %" PRId64 " was installed here before with other content; "
             "raise the pack's version",
             in->id, in->version);
    return false;
  }
  return true;
}

/* Opens the pack on the stick for reading: never through a link, without blocking, a regular
 * file. Returns the descriptor with its status in `st`, or -1
 * after a refusal. */
static int open_source(const ks_install_opts *o, const char *src, struct stat *st, ks_diag *diag) {
  ks_fsops *ops = ops_of(o);
  char err[256];
  int in = ops->open(ops, src, KS_FILE_READ_FLAGS | O_NOFOLLOW, 0);
  if (in < 0) {
    REFUSE(o, diag, src, "无法读取内容包：%s", "cannot read the pack: %s",
           ks_file_strerror(errno, KS_FILE_NOFOLLOW));
    return -1;
  }
  if (!ks_file_check(in, UINT64_MAX, st, err, sizeof err)) {
    REFUSE(o, diag, src, "内容包%s", "the pack %s", err);
    ops->close(ops, in);
    return -1;
  }
  return in;
}

/* Reads the first bytes of the stick's file and checks the pack's header in them, then its size
 * against KS_INSTALL_MAX_PACK_BYTES. */
static bool read_head(const ks_install_opts *o, int in, const char *src,
                      unsigned char head[KS_PACK_HEADER_BYTES], size_t *got, const struct stat *st,
                      ks_diag *diag) {
  ks_fsops *ops = ops_of(o);
  *got = 0;
  for (ssize_t r = 1; *got < KS_PACK_HEADER_BYTES && r > 0;) {
    r = ops->read(ops, in, head + *got, KS_PACK_HEADER_BYTES - *got);
    if (r < 0) {
      REFUSE(o, diag, src, "U盘读取失败：%s", "the stick failed while reading: %s",
             strerror(errno));
      return false;
    }
    *got += (size_t)r;
  }
  ks_diag *d = ks_diag_create();
  bool ok = ks_pack_check_header(head, *got, (uint64_t)st->st_size, src, d);
  if (!ok)
    refuse_findings(o, diag, src, d, src);
  ks_diag_destroy(d);
  if (ok && (uint64_t)st->st_size > KS_INSTALL_MAX_PACK_BYTES) {
    REFUSE(o, diag, src, "内容包有 %lld 字节，超过任何内容包的上限（%llu 字节）",
           "the pack is %lld bytes, larger than any pack may be (%llu bytes)",
           (long long)st->st_size, (unsigned long long)KS_INSTALL_MAX_PACK_BYTES);
    ok = false;
  }
  return ok;
}

bool ks_install(const char *src, const ks_install_opts *o, ks_diag *diag) {
  ks_fsops *ops = ops_of(o);
  const char *dir = o->data_dir;
  char staging[4096], packs[4096], part[4096 + 64], final[4096 + 128];
  path_of(staging, sizeof staging, dir, "staging");
  path_of(packs, sizeof packs, dir, "packs");
  if ((ops->mkdir(ops, dir, 0755) != 0 && errno != EEXIST) ||
      (ops->mkdir(ops, staging, 0755) != 0 && errno != EEXIST) ||
      (ops->mkdir(ops, packs, 0755) != 0 && errno != EEXIST)) {
    REFUSE(o, diag, src, "无法准备数据目录 %.300s：%s", "cannot prepare the data folder %.300s: %s",
           dir, strerror(errno));
    return false;
  }
  ks_install_recover(dir, ops);

  /* 1. The cheap checks, before a byte is copied: what the file on the stick is, its size, its
   * header, its signature file, the free space. */
  struct stat st;
  char err[512];
  int in = open_source(o, src, &st, diag);
  if (in < 0)
    return false;
  unsigned char head[KS_PACK_HEADER_BYTES];
  size_t head_n = 0;
  if (!read_head(o, in, src, head, &head_n, &st, diag)) {
    ops->close(ops, in);
    return false;
  }
  char sig_path[4096], comment[1024];
  snprintf(sig_path, sizeof sig_path, "%s.minisig", src);
  size_t sig_size = 0;
  char *sig = ks_file_read_nofollow(sig_path, KS_SIGN_MAX_BYTES, &sig_size, err, sizeof err);
  bool missing = !sig && errno == ENOENT; /* told apart from one that is there but unusable */
  if (missing && !o->allow_unsigned) {
    REFUSE(o, diag, src, "内容包没有签名（缺少 %.300s）", "the pack is not signed (no %.300s)",
           sig_path);
  } else if (!sig && !missing) {
    REFUSE(o, diag, src, "签名文件 %.300s 无法使用：%.200s", "the signature file %.300s %.200s",
           sig_path, err);
  }
  uint64_t free_bytes = 0;
  bool ok = sig || (missing && o->allow_unsigned);
  if (ok && ops->free_space(ops, dir, &free_bytes) != 0) {
    REFUSE(o, diag, src, "无法得知 %.300s 的剩余空间：%s",
           "cannot tell the free space of %.300s: %s", dir, strerror(errno));
    ok = false;
  } else if (ok && free_bytes < (uint64_t)st.st_size + MARGIN) {
    REFUSE(o, diag, src, "空间不足：内容包需要 %lld 字节，只剩 %llu 字节",
           "not enough free space: the pack needs %lld bytes beside the installed ones, "
           "%llu are free",
           (long long)st.st_size + MARGIN, (unsigned long long)free_bytes);
    ok = false;
  }

  /* 2. The local copy, hashed while copied. */
  hashes h;
  ks_refusal why = {0};
  if (ok && !copy_hashing(o, in, head, head_n, staging, part, sizeof part, st.st_size, &h, &why)) {
    refused(o, diag, src, why.zh, why.en);
    if (part[0])
      ops->unlink(ops, part);
    ok = false;
  }
  ops->close(ops, in);
  if (!ok) {
    free(sig);
    return false;
  }
  /* 3. The signature, over the hash of what was copied. */
  bool signed_ok = true;
  if (sig && !ks_sign_verify(h.blake2b, sig, o->keys, o->n_keys, comment, sizeof comment, err,
                             sizeof err)) {
    REFUSE(o, diag, src, "签名不被接受：%s", "%s", err);
    signed_ok = false;
  }
  bool has_sig = sig != NULL;
  free(sig);
  /* 4. The copy, opened hardened and validated in full. */
  ks_installed incoming = {0};
  ok = signed_ok && check_copy(part, o, &incoming, diag, src);
  if (ok && has_sig) { /* the signed comment must name this very pack and version */
    char expected[256];
    ks_sign_pack_comment(incoming.id, incoming.version, expected, sizeof expected);
    if (strcmp(expected, comment) != 0) {
      REFUSE(o, diag, src, "签名对应“%.200s”，但内容包是“%.200s”",
             "the signature is for \"%.200s\", but the pack is \"%.200s\"", comment, expected);
      ok = false;
    }
  }
  /* 5. Newer than what is shown, and than every version of this pack installed here before,
   * unless a rollback was asked for. */
  char current[65], previous[65];
  bool have_current = read_active(dir, current, previous);
  ks_versions seen;
  ks_versions_init(&seen);
  if (ok)
    ok = check_version(o, diag, src, dir, have_current ? current : NULL,
                       have_current ? previous : NULL, &incoming, h.sha256, &seen);
  if (!ok) {
    ks_versions_free(&seen);
    ops->unlink(ops, part);
    return false;
  }
  /* 6. Into place, the raised version mark, then the switch: each step durable before the
   * next, so that a power cut can leave the mark raised for a pack not yet shown (harmless: it
   * was verified) but never a pack shown above its mark. */
  pack_path(final, sizeof final, dir, h.sha256);
  if (ops->rename(ops, part, final) != 0 || !sync_dir(ops, packs)) {
    REFUSE(o, diag, src, "无法放置内容包：%s", "cannot move the pack into place: %s",
           strerror(errno));
    ks_versions_free(&seen);
    ops->unlink(ops, part);
    return false;
  }
  ks_versions_raise(&seen, incoming.id, incoming.version, h.sha256);
  size_t text_size;
  char *text = ks_versions_text(&seen, &text_size);
  ks_versions_free(&seen);
  bool marked = replace_file(ops, dir, "versions", text, text_size);
  free(text);
  if (!marked) {
    REFUSE(o, diag, src, "无法记录已安装的版本：%s（仍展示原内容）",
           "cannot record the installed version: %s (the old pack is still shown)",
           strerror(errno));
    return false;
  }
  if (!write_active(ops, dir, h.sha256, have_current ? current : NULL)) {
    REFUSE(o, diag, src, "无法切换到新内容包：%s（仍展示原内容）",
           "cannot switch to the new pack: %s (the old one is still shown)", strerror(errno));
    return false;
  }
  prune(ops, dir, h.sha256, have_current ? current : NULL);
  /* Checked in full above, in the kiosk's own folder: the start that shows it need not again. */
  char record[4096];
  if (o->vet_stamp && ks_vet_record_path(dir, record, sizeof record))
    ks_vet_remember(final, incoming.content_hash,
                    &(ks_vet_opts){.record = record, .stamp = o->vet_stamp});
  if (o->progress)
    o->progress(o->progress_ctx, 1.0);
  if (!has_sig)
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = src},
                "installed WITHOUT a signature: the developer setting allow_unsigned is on");
  return true;
}

bool ks_install_highest(const char *data_dir, const char *id, int64_t *version, char sha256[65]) {
  ks_versions v;
  ks_versions_init(&v);
  ks_versions_read(data_dir, &v);
  const ks_version_mark *m = ks_versions_find(&v, id);
  if (m) {
    *version = m->version;
    memcpy(sha256, m->sha256, 65);
  }
  ks_versions_free(&v);
  return m != NULL;
}

bool ks_install_status(const char *data_dir, ks_installed *current, ks_installed *previous,
                       ks_diag *diag) {
  char c[65], p[65], path[4096];
  *current = (ks_installed){0};
  *previous = (ks_installed){0};
  if (!read_active(data_dir, c, p)) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = data_dir}, "no pack is installed here");
    return false;
  }
  if (!describe(data_dir, c, current)) {
    pack_path(path, sizeof path, data_dir, c);
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = path},
                "the active pack is missing or damaged: the kiosk shows its bundled pack; "
                "install a pack again (kiosk pack install)");
  }
  if (*p && !describe(data_dir, p, previous)) {
    pack_path(path, sizeof path, data_dir, p);
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = path},
                "the previous pack is missing or damaged: there is nothing to roll back to");
  }
  return current->present;
}

bool ks_install_rollback(const ks_install_opts *o, ks_diag *diag) {
  char c[65], p[65], path[4096];
  ks_installed before = {0};
  if (!read_active(o->data_dir, c, p) || !*p) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = o->data_dir},
                "refused: there is no previous pack to roll back to");
    return false;
  }
  if (!describe(o->data_dir, p, &before)) {
    pack_path(path, sizeof path, o->data_dir, p);
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = path},
                "refused: the previous pack is missing or damaged, so there is nothing to roll "
                "back to (the current pack is still shown)");
    return false;
  }
  if (!write_active(ops_of(o), o->data_dir, p, c)) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = o->data_dir},
                "cannot switch back: %s (the current pack is still shown)", strerror(errno));
    return false;
  }
  return true;
}

/* ---- automatic rollback -----------------------------------------------------------------------
 */

/* Failed starts of `sha` recorded in DIR/starts since `since`. */
static int failed_starts(const char *dir, const char *sha, int64_t since) {
  char path[4096], line[128], who[65], err[256];
  path_of(path, sizeof path, dir, "starts");
  FILE *f = ks_file_fopen(path, KS_FILE_NOFOLLOW, 1 << 20, err, sizeof err);
  if (!f)
    return 0;
  int n = 0;
  long long when;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "%64s %lld", who, &when) == 2 && strcmp(who, sha) == 0 && when >= since)
      n++;
  fclose(f);
  return n;
}

/* Appends a start of `sha` to DIR/starts (never through a link); false with errno when it cannot.
 */
static bool note_start(const char *dir, const char *sha, int64_t now) {
  char path[4096], line[128];
  path_of(path, sizeof path, dir, "starts");
  int fd = ks_file_open_append(path, 0644);
  if (fd < 0)
    return false;
  int n = snprintf(line, sizeof line, "%s %lld\n", sha, (long long)now);
  bool ok = write(fd, line, (size_t)n) == n;
  ok = fsync(fd) == 0 && ok; /* the record must survive the crash it is there to count */
  int e = errno;
  close(fd);
  errno = e;
  return ok;
}

/* A start that cannot be recorded still happens (a read-only card, say), but is said. */
static void note_start_or_say(const char *dir, const char *sha, int64_t now, ks_diag *diag) {
  if (!note_start(dir, sha, now))
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = dir},
                "cannot record this start in starts: %s (a pack that keeps failing is not rolled "
                "back automatically; remove starts if it is a link or not a file)",
                errno == EINVAL ? "not a regular file" : strerror(errno));
}

ks_start ks_install_starting(const char *data_dir, int failures, int64_t window_s, int64_t now,
                             ks_diag *diag) {
  char current[65], previous[65];
  if (!read_active(data_dir, current, previous))
    return KS_START_AS_INSTALLED;
  if (failed_starts(data_dir, current, now - window_s) < failures) {
    note_start_or_say(data_dir, current, now, diag);
    return KS_START_AS_INSTALLED;
  }
  ks_installed before = {0};
  if (!*previous || !describe(data_dir, previous, &before)) {
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = data_dir},
                "the installed pack %.12s failed to start %d times within %lld minutes and there "
                "is no previous pack (or it is missing): showing the bundled pack",
                current, failures, (long long)window_s / 60);
    return KS_START_BUNDLED;
  }
  if (!write_active(ks_fsops_posix(), data_dir, previous, current)) {
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = data_dir},
                "cannot roll back: %s; showing the bundled pack", strerror(errno));
    return KS_START_BUNDLED;
  }
  ks_diag_add(diag, KS_WARNING, (ks_loc){.file = data_dir},
              "the installed pack %.12s failed to start %d times within %lld minutes: rolled back "
              "to the previous pack %.12s",
              current, failures, (long long)window_s / 60, previous);
  note_start_or_say(data_dir, previous, now, diag);
  return KS_START_ROLLED_BACK;
}

void ks_install_started(const char *data_dir) {
  char path[4096];
  path_of(path, sizeof path, data_dir, "starts");
  unlink(path);
}
