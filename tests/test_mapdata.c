#include "test_support.h"

#include "kiosk/mapdata.h"

#include <dirent.h>
#include <math.h>
#include <strings.h>

static ks_mapdata *load_bundled(void) {
  char err[256];
  ks_mapdata *m = ks_mapdata_load(KS_TEST_MAP, err, sizeof err);
  if (!m)
    fail_msg("%s", err);
  return m;
}

static bool in_bbox(const ks_mapdata *m, ks_polyline p) {
  double w, s, e, n;
  ks_mapdata_bbox(m, &w, &s, &e, &n);
  for (size_t k = 0; k < p.n; k++)
    if (!(p.lonlat[2 * k] >= w - 0.01 && p.lonlat[2 * k] <= e + 0.01 &&
          p.lonlat[2 * k + 1] >= s - 0.01 && p.lonlat[2 * k + 1] <= n + 0.01))
      return false;
  return true;
}

static bool closed(ks_polyline p) {
  return p.n >= 4 && p.lonlat[0] == p.lonlat[2 * p.n - 2] && p.lonlat[1] == p.lonlat[2 * p.n - 1];
}

static bool in_area(const ks_mapdata *m, ks_map_area a, double lon, double lat) {
  for (size_t i = 0; i < ks_mapdata_area_count(m, a); i++)
    if (ks_map_ring_contains(ks_mapdata_area(m, a, i), lon, lat))
      return true;
  return false;
}

/* Land as the areas paint it: inside land and not under a lake or the river, or on an isle. */
static bool on_land(const ks_mapdata *m, double lon, double lat) {
  return (in_area(m, KS_MAP_LAND, lon, lat) && !in_area(m, KS_MAP_LAKE_WATER, lon, lat) &&
          !in_area(m, KS_MAP_RIVER_WATER, lon, lat)) ||
         in_area(m, KS_MAP_ISLE, lon, lat);
}

/* Kilometres from the point to the nearest edge of any area (near enough: a plane at the
 * point's latitude). */
static double km_to_shore(const ks_mapdata *m, double lon, double lat) {
  double best = INFINITY, kx = 111.32 * cos(lat * 3.14159265358979 / 180), ky = 111.32;
  for (int a = 0; a < KS_MAP_AREAS; a++)
    for (size_t i = 0; i < ks_mapdata_area_count(m, (ks_map_area)a); i++) {
      ks_polyline p = ks_mapdata_area(m, (ks_map_area)a, i);
      for (size_t k = 0; k + 1 < p.n; k++) {
        double ax = (p.lonlat[2 * k] - lon) * kx, ay = (p.lonlat[2 * k + 1] - lat) * ky;
        double bx = (p.lonlat[2 * k + 2] - lon) * kx, by = (p.lonlat[2 * k + 3] - lat) * ky;
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double x = ax + t * dx, y = ay + t * dy, d = sqrt(x * x + y * y);
        best = d < best ? d : best;
      }
    }
  return best;
}

/* How many provinces' areas hold the point (a border drawn twice or a gap would show here). */
static int provinces_holding(const ks_mapdata *m, double lon, double lat) {
  int n = 0;
  for (size_t i = 0; i < ks_mapdata_province_count(m); i++) {
    const ks_map_province *p = ks_mapdata_province(m, i);
    for (size_t k = 0; k < p->n_parts; k++)
      if (ks_map_ring_contains(p->part[k], lon, lat)) {
        n++;
        break;
      }
  }
  return n;
}

static const ks_map_province *province(const ks_mapdata *m, const char *code) {
  for (size_t i = 0; i < ks_mapdata_province_count(m); i++)
    if (strcmp(ks_mapdata_province(m, i)->code, code) == 0)
      return ks_mapdata_province(m, i);
  fail_msg("no province %s in the map", code);
  return NULL;
}

static void loads_the_bundled_map(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  double w, s, e, n;
  ks_mapdata_bbox(m, &w, &s, &e, &n);
  assert_true(w < 117.2 && e > 122.0 && s < 28.0 && n > 34.6); /* Hefei to the sea, Ruian to
                                                                  Lianyungang */
  /* The outlines the corridor map draws today are still there. */
  assert_true(ks_mapdata_count(m, KS_MAP_COAST) > 10);
  assert_true(ks_mapdata_count(m, KS_MAP_LAKE) > 10);
  assert_true(ks_mapdata_count(m, KS_MAP_RIVER) > 10);
  /* And the new layers: the mainland and islands, lakes, the Yangtze (both of its river-lakes),
   * islands in them, rivers, borders, provinces, Shanghai. */
  assert_true(ks_mapdata_area_count(m, KS_MAP_LAND) > 50);
  assert_true(ks_mapdata_area_count(m, KS_MAP_LAKE_WATER) > 10);
  assert_true(ks_mapdata_area_count(m, KS_MAP_RIVER_WATER) >= 1);
  assert_true(ks_mapdata_area_count(m, KS_MAP_ISLE) > 10);
  assert_true(ks_mapdata_stroke_count(m, KS_MAP_STREAM) > 3);
  assert_true(ks_mapdata_stroke_count(m, KS_MAP_BORDER) > 5);
  assert_true(ks_mapdata_province_count(m) >= 4);
  assert_int_equal(ks_mapdata_place_count(m), 1);
  /* Every point lies in the region, as a projection fitted to it expects. */
  for (int l = 0; l < KS_MAP_LAYERS; l++)
    for (size_t i = 0; i < ks_mapdata_count(m, (ks_map_layer)l); i++) {
      ks_polyline p = ks_mapdata_line(m, (ks_map_layer)l, i);
      assert_true(p.n >= 2);
      assert_true(in_bbox(m, p));
    }
  for (int k = 0; k < KS_MAP_STROKES; k++)
    for (size_t i = 0; i < ks_mapdata_stroke_count(m, (ks_map_stroke)k); i++) {
      ks_polyline p = ks_mapdata_stroke(m, (ks_map_stroke)k, i);
      assert_true(p.n >= 2);
      assert_true(in_bbox(m, p));
    }
  ks_mapdata_destroy(m);
}

/* A polygon that is not closed cannot be filled: every area and province part is. */
static void every_polygon_is_closed(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  size_t polygons = 0;
  for (int a = 0; a < KS_MAP_AREAS; a++)
    for (size_t i = 0; i < ks_mapdata_area_count(m, (ks_map_area)a); i++, polygons++) {
      ks_polyline p = ks_mapdata_area(m, (ks_map_area)a, i);
      assert_true(closed(p));
      assert_true(in_bbox(m, p));
    }
  for (size_t i = 0; i < ks_mapdata_province_count(m); i++) {
    const ks_map_province *pr = ks_mapdata_province(m, i);
    assert_true(pr->n_parts >= 1);
    for (size_t k = 0; k < pr->n_parts; k++, polygons++) {
      assert_true(closed(pr->part[k]));
      assert_true(in_bbox(m, pr->part[k]));
    }
  }
  assert_true(polygons > 100);
  ks_mapdata_destroy(m);
}

/* Twice the signed area of a triangle (lon, lat). */
static double cross(const float *a, const float *b, const float *c) {
  return ((double)b[0] - a[0]) * ((double)c[1] - a[1]) -
         ((double)b[1] - a[1]) * ((double)c[0] - a[0]);
}

/* Every area polygon of the bundled map comes with triangles that fill it: each triangle's
 * corners are the polygon's points, none is turned over against the others, and together they
 * cover exactly the polygon's area (the shoelace sum) — no gap the sea would show through, no
 * triangle outside the shore. */
static void every_area_is_cut_into_triangles_that_fill_it(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  size_t triangles = 0;
  for (int a = 0; a < KS_MAP_AREAS; a++)
    for (size_t i = 0; i < ks_mapdata_area_count(m, (ks_map_area)a); i++) {
      ks_polyline p = ks_mapdata_area(m, (ks_map_area)a, i);
      size_t n;
      const uint32_t *ix = ks_mapdata_area_triangles(m, (ks_map_area)a, i, &n);
      assert_non_null(ix);
      assert_true(n >= 1 && n + 3 <= p.n);
      double ring = 0, sum = 0, sign = 0;
      for (size_t k = 0; k + 1 < p.n; k++)
        ring += cross(p.lonlat, p.lonlat + 2 * k, p.lonlat + 2 * k + 2);
      for (size_t t = 0; t < n; t++) {
        assert_true(ix[3 * t] < p.n - 1 && ix[3 * t + 1] < p.n - 1 && ix[3 * t + 2] < p.n - 1);
        double c = cross(p.lonlat + 2 * ix[3 * t], p.lonlat + 2 * ix[3 * t + 1],
                         p.lonlat + 2 * ix[3 * t + 2]);
        if (fabs(c) > 1e-9) { /* turned as the first one that has an area */
          sign = sign ? sign : c;
          assert_true(c * sign > 0);
        }
        sum += fabs(c);
      }
      if (fabs(sum - fabs(ring)) > 1e-6 * fabs(ring) + 1e-8)
        fail_msg("area %d polygon %zu: triangles cover %g, the polygon %g", a, i, sum / 2,
                 fabs(ring) / 2);
      triangles += n;
    }
  assert_true(triangles > 3000);
  ks_mapdata_destroy(m);
}

/* Reads "key: value" from the front matter of a content file. */
static bool field(const char *text, const char *key, char *out, size_t size) {
  char pat[32];
  snprintf(pat, sizeof pat, "\n%s: ", key);
  const char *at = strstr(text, pat);
  if (!at)
    return false;
  at += strlen(pat);
  size_t n = strcspn(at, "\r\n");
  if (n >= size)
    return false;
  memcpy(out, at, n);
  out[n] = '\0';
  return true;
}

/* Every bundled city lies on the map's land (or within 2 km of its shore: a pin on a
 * waterfront) and in its own province, and in no other. */
static void every_city_lies_on_land_in_its_province(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/content/cities", KS_TEST_SOURCE);
  DIR *d = opendir(dir);
  assert_non_null(d);
  int cities = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    size_t len = strlen(de->d_name);
    if (len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
      continue;
    char path[2048], lat_s[32], lon_s[32], prov[32];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    size_t n;
    char *text = (char *)ts_read(path, &n);
    text[n] = '\0';
    assert_true(field(text, "lat", lat_s, sizeof lat_s) && field(text, "lon", lon_s, sizeof lon_s));
    assert_true(field(text, "province", prov, sizeof prov));
    free(text);
    double lat = atof(lat_s), lon = atof(lon_s);
    if (!on_land(m, lon, lat) && km_to_shore(m, lon, lat) > 2.0)
      fail_msg("%s (%g N %g E) is %.1f km off the map's land", de->d_name, lat, lon,
               km_to_shore(m, lon, lat));
    const ks_map_province *p = ks_mapdata_province_at(m, lon, lat);
    if (!p || !p->labelled || strcasecmp(p->en, prov) != 0)
      fail_msg("%s (%g N %g E, province %s) lies in the map's province %s", de->d_name, lat, lon,
               prov, p ? p->code : "(none)");
    assert_int_equal(provinces_holding(m, lon, lat), 1);
    cities++;
  }
  closedir(d);
  assert_true(cities >= 30);
  ks_mapdata_destroy(m);
}

/* The capitals, named: each in its own province's polygons and in no other's. */
static void capitals_lie_in_their_own_province(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  static const struct {
    const char *city, *code;
    double lat, lon;
  } capitals[] = {{"Shanghai", "SH", 31.230, 121.474},
                  {"Nanjing", "JS", 32.060, 118.797},
                  {"Hangzhou", "ZJ", 30.274, 120.155},
                  {"Hefei", "AH", 31.821, 117.227}};
  for (size_t i = 0; i < sizeof capitals / sizeof capitals[0]; i++) {
    const ks_map_province *p = ks_mapdata_province_at(m, capitals[i].lon, capitals[i].lat);
    if (!p || strcmp(p->code, capitals[i].code) != 0)
      fail_msg("%s lies in %s, not %s", capitals[i].city, p ? p->code : "no province",
               capitals[i].code);
    assert_int_equal(provinces_holding(m, capitals[i].lon, capitals[i].lat), 1);
  }
  ks_mapdata_destroy(m);
}

/* Lakes and the Yangtze are water, painted over the land; islands in them land again. */
static void lakes_and_the_yangtze_are_water(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  /* Taihu's and Chaohu's middles */
  assert_true(in_area(m, KS_MAP_LAKE_WATER, 120.2, 31.2));
  assert_false(on_land(m, 120.2, 31.2));
  assert_true(in_area(m, KS_MAP_LAKE_WATER, 117.55, 31.56));
  /* The Yangtze at Nanjing and at Anqing: river, not lake, not sea */
  assert_true(in_area(m, KS_MAP_RIVER_WATER, 118.74, 32.11));
  assert_true(in_area(m, KS_MAP_RIVER_WATER, 117.05, 30.50));
  assert_false(in_area(m, KS_MAP_LAKE_WATER, 118.74, 32.11));
  assert_true(in_area(m, KS_MAP_LAND, 118.74, 32.11));
  /* The East China Sea is in no area; Hefei is on land */
  assert_false(in_area(m, KS_MAP_LAND, 122.8, 30.8));
  assert_true(on_land(m, 117.227, 31.821));
  ks_mapdata_destroy(m);
}

/* The four provinces are named in both languages, each label inside its own province; Shanghai
 * is marked inside it. */
static void provinces_are_named_inside_themselves(void **state) {
  (void)state;
  ks_mapdata *m = load_bundled();
  static const char *const names[][4] = {{"SH", "沪", "上海", "Shanghai"},
                                         {"JS", "苏", "江苏", "Jiangsu"},
                                         {"ZJ", "浙", "浙江", "Zhejiang"},
                                         {"AH", "皖", "安徽", "Anhui"}};
  for (size_t i = 0; i < 4; i++) {
    const ks_map_province *p = province(m, names[i][0]);
    assert_true(p->labelled);
    assert_string_equal(p->short_zh, names[i][1]);
    assert_string_equal(p->full_zh, names[i][2]);
    assert_string_equal(p->en, names[i][3]);
    assert_ptr_equal(ks_mapdata_province_at(m, p->label_lon, p->label_lat), p);
    assert_true(on_land(m, p->label_lon, p->label_lat)); /* not on a lake */
  }
  const ks_map_place *sh = ks_mapdata_place(m, 0);
  assert_string_equal(sh->id, "shanghai");
  assert_string_equal(sh->zh, "上海");
  assert_string_equal(sh->en, "Shanghai");
  assert_ptr_equal(ks_mapdata_province_at(m, sh->lon, sh->lat), province(m, "SH"));
  ks_mapdata_destroy(m);
}

static void ring_contains_follows_the_even_odd_rule(void **state) {
  (void)state;
  /* a square with a notch cut into its top */
  const float pts[] = {0, 0, 4, 0, 4, 4, 3, 4, 2, 1, 1, 4, 0, 4, 0, 0};
  ks_polyline ring = {pts, 8};
  assert_true(ks_map_ring_contains(ring, 0.5, 0.5));
  assert_true(ks_map_ring_contains(ring, 3.5, 3.5));
  assert_false(ks_map_ring_contains(ring, 2, 3)); /* in the notch */
  assert_false(ks_map_ring_contains(ring, 5, 2));
  assert_false(ks_map_ring_contains(ring, -1, 2));
  assert_false(ks_map_ring_contains((ks_polyline){pts, 0}, 0.5, 0.5));
}

/* Loads `text` as a map file: it must be refused, naming `line` and saying `why`. */
static void refused(const char *text, const char *line, const char *why) {
  char path[1024], err[512];
  ts_write(ts_tmp(path, sizeof path, "broken-map.txt"), text, strlen(text));
  ks_mapdata *m = ks_mapdata_load(path, err, sizeof err);
  if (m)
    fail_msg("loaded: %s", text);
  if (!strstr(err, line) || !strstr(err, why))
    fail_msg("'%s' names neither %s nor '%s'", err, line, why);
}

static void refuses_a_broken_map_naming_the_line(void **state) {
  (void)state;
  const char *head = "format 2\nbbox 115 28 123 35\n";
#define SH "area province SH\n4\n120 30\n121 30\n121 31\n120 30\n" /* lines 3 to 8 */
  static const struct {
    const char *body, *line, *why; /* the file after its first two lines; where; what */
  } cases[] = {
      {"layer coast\n3\n120.0 30.0\n121.0 oops\n", "6", "not a point"},
      {"layer coast\n2\n120.0 30.0\n121.0 30.0 7\n", "6", "not a point"},
      {"layer coast\n2\n120.0 30.0\n", "5", "ends inside"},
      {"layer roads\n", "3", "unknown layer"},
      {"area sea\n", "3", "unknown area"},
      {"area land\n4\n120 30\n121 30\n121 31\n120 31.5\n", "8", "not closed"},
      {"area land\n3\n120 30\n121 30\n120 30\n", "4", "out of range"},
      {"layer coast\n1000000\n", "4", "out of range"},
      {"layer coast\n2\n120 30\n130 30\n", "6", "outside the bbox"},
      {"layer coast\n2\n120 30\n121 nan\n", "6", "not a point"},
      {"2\n120 30\n121 30\n", "3", "before any layer"},
      {"area province sh\n", "3", "two capital letters"},
      {SH "area province SH\n", "9", "twice"},
      {"label SH 121 31 沪 上海 Shanghai\n", "3", "not given before"},
      {SH "label SH 121 31 沪 上海\n", "9", "not 'label"},
      {SH "label SH 121 31 沪 上海上海上海上海上海 Shanghai\n", "9", "too long"},
      {"place shanghai 121.5\n", "3", "not 'place"},
      {"bbox 115 28 123 35\n", "3", "twice"},
      {"layer  coast\n", "3", "empty word"},
      {"layer coast \n", "3", "empty word"},
      {"# a comment\n\nhello\n", "5", "not a map file line"},
  };
  char text[4096], where[64];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    snprintf(text, sizeof text, "%s%s", head, cases[i].body);
    snprintf(where, sizeof where, "broken-map.txt:%s:", cases[i].line);
    refused(text, where, cases[i].why);
  }
  char longline[400];
  memset(longline, '9', sizeof longline - 2);
  longline[sizeof longline - 2] = '\n', longline[sizeof longline - 1] = '\0';
  snprintf(text, sizeof text, "%s%s", head, longline);
  refused(text, "broken-map.txt:3:", "too long");
#undef SH
  /* Format 3: each area polygon followed by its triangles, of its own points. */
  static const struct {
    const char *body, *line, *why;
  } filled[] = {
      {"area land\n4\n120 30\n121 30\n121 31\n120 30\n", "8", "triangles T"},
      {"area land\n4\n120 30\n121 30\n121 31\n120 30\ntriangles 2\n", "9", "triangles T"},
      {"area land\n4\n120 30\n121 30\n121 31\n120 30\ntriangles 1\n0 1 3\n", "10", "A B C"},
      {"area land\n4\n120 30\n121 30\n121 31\n120 30\ntriangles 1\n0 1\n", "10", "A B C"},
      {"area land\n4\n120 30\n121 30\n121 31\n120 30\ntriangles 1\n", "9", "A B C"},
  };
  for (size_t i = 0; i < sizeof filled / sizeof filled[0]; i++) {
    snprintf(text, sizeof text, "format 3\nbbox 115 28 123 35\n%s", filled[i].body);
    snprintf(where, sizeof where, "broken-map.txt:%s:", filled[i].line);
    refused(text, where, filled[i].why);
  }
  refused("bbox 115 28 123 35\nlayer coast\n", "broken-map.txt:1:", "format 2");
  refused("# only a comment\nformat 1\n", "broken-map.txt:2:", "format 2");
  refused("format 2\nlayer coast\n", "broken-map.txt:2:", "bbox must come");
  refused("format 2\n", "broken-map.txt:1:", "no bbox");
  refused("format 2\nbbox 123 28 115 35\n", "broken-map.txt:2:", "west < east");
  char path[1024], err[256];
  ts_write(ts_tmp(path, sizeof path, "nul-map.txt"), "format 2\nbbox 1 2 3 4\x00\n", 22);
  assert_null(ks_mapdata_load(path, err, sizeof err));
  assert_non_null(strstr(err, "nul-map.txt:2: NUL byte"));
  assert_null(ks_mapdata_load(KS_TEST_TMP "/no-such-map.txt", err, sizeof err));
}

/* A small file of every kind of line loads to what it says. */
static void loads_every_kind_of_line(void **state) {
  (void)state;
  const char text[] = "# comment\n"
                      "format 2\n"
                      "bbox 115 28 123 35\n"
                      "layer coast\n2\n120 30\n121 30\n"
                      "area land\n4\n120 30\n121 30\n121 31\n120 30\n"
                      "layer border\n3\n120 30\n120.5 30.5\n121 31\n"
                      "area province ZJ\n4\n120 30\n121 30\n121 31\n120 30\n"
                      "4\n116 34\n117 34\n117 35\n116 34\n"
                      "label ZJ 120.7 30.3 浙 浙江 Zhe Jiang\n"
                      "place hz 120.155 30.274 杭州 Hangzhou City\n";
  char path[1024], err[256];
  ts_write(ts_tmp(path, sizeof path, "small-map.txt"), text, sizeof text - 1);
  ks_mapdata *m = ks_mapdata_load(path, err, sizeof err);
  if (!m)
    fail_msg("%s", err);
  assert_int_equal(ks_mapdata_count(m, KS_MAP_COAST), 1);
  assert_int_equal(ks_mapdata_count(m, KS_MAP_LAKE), 0);
  assert_int_equal(ks_mapdata_area_count(m, KS_MAP_LAND), 1);
  assert_int_equal(ks_mapdata_area(m, KS_MAP_LAND, 0).n, 4);
  assert_int_equal(ks_mapdata_stroke_count(m, KS_MAP_BORDER), 1);
  assert_int_equal(ks_mapdata_stroke(m, KS_MAP_BORDER, 0).n, 3);
  assert_int_equal(ks_mapdata_province_count(m), 1);
  const ks_map_province *p = ks_mapdata_province(m, 0);
  assert_string_equal(p->code, "ZJ");
  assert_int_equal(p->n_parts, 2);
  assert_true(p->labelled);
  assert_string_equal(p->en, "Zhe Jiang");
  assert_ptr_equal(ks_mapdata_province_at(m, 116.7, 34.2), p);
  assert_null(ks_mapdata_province_at(m, 118, 32));
  assert_int_equal(ks_mapdata_place_count(m), 1);
  assert_string_equal(ks_mapdata_place(m, 0)->en, "Hangzhou City");
  assert_float_equal(ks_mapdata_place(m, 0)->lat, 30.274, 1e-5);
  size_t n = 1;
  assert_null(ks_mapdata_area_triangles(m, KS_MAP_LAND, 0, &n)); /* format 2 has none */
  assert_int_equal(n, 0);
  ks_mapdata_destroy(m);
  /* Format 3: the same with the land's triangles; a province's parts have none. */
  const char filled[] = "format 3\nbbox 115 28 123 35\n"
                        "area land\n5\n120 30\n121 30\n121 31\n120 31\n120 30\n"
                        "triangles 2\n0 1 2\n0 2 3\n"
                        "area province ZJ\n4\n120 30\n121 30\n121 31\n120 30\n";
  ts_write(ts_tmp(path, sizeof path, "small-map.txt"), filled, sizeof filled - 1);
  m = ks_mapdata_load(path, err, sizeof err);
  if (!m)
    fail_msg("%s", err);
  const uint32_t *ix = ks_mapdata_area_triangles(m, KS_MAP_LAND, 0, &n);
  assert_int_equal(n, 2);
  assert_int_equal(ix[4], 2);
  assert_int_equal(ix[5], 3);
  assert_int_equal(ks_mapdata_province(m, 0)->n_parts, 1);
  ks_mapdata_destroy(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_the_bundled_map),
      cmocka_unit_test(every_polygon_is_closed),
      cmocka_unit_test(every_area_is_cut_into_triangles_that_fill_it),
      cmocka_unit_test(every_city_lies_on_land_in_its_province),
      cmocka_unit_test(capitals_lie_in_their_own_province),
      cmocka_unit_test(lakes_and_the_yangtze_are_water),
      cmocka_unit_test(provinces_are_named_inside_themselves),
      cmocka_unit_test(ring_contains_follows_the_even_odd_rule),
      cmocka_unit_test(refuses_a_broken_map_naming_the_line),
      cmocka_unit_test(loads_every_kind_of_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
