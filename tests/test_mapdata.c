#include "test_support.h"

#include "kiosk/mapdata.h"

static void loads_the_bundled_map(void **state) {
  (void)state;
  char err[256];
  ks_mapdata *m = ks_mapdata_load(KS_TEST_MAP, err, sizeof err);
  if (!m)
    fail_msg("%s", err);
  double w, s, e, n;
  ks_mapdata_bbox(m, &w, &s, &e, &n);
  assert_true(w < 117.2 && e > 122.0 && s < 28.0 && n > 34.6); /* Hefei to the sea, Ruian to
                                                                  Lianyungang */
  assert_true(ks_mapdata_count(m, KS_MAP_COAST) > 10);
  assert_true(ks_mapdata_count(m, KS_MAP_LAKE) > 10);
  assert_true(ks_mapdata_count(m, KS_MAP_RIVER) > 10);
  /* Every point lies in the region, as a projection fitted to it expects. */
  for (int l = 0; l < KS_MAP_LAYERS; l++)
    for (size_t i = 0; i < ks_mapdata_count(m, (ks_map_layer)l); i++) {
      ks_polyline p = ks_mapdata_line(m, (ks_map_layer)l, i);
      assert_true(p.n >= 2);
      for (size_t k = 0; k < p.n; k++)
        assert_true(p.lonlat[2 * k] >= w - 0.01 && p.lonlat[2 * k] <= e + 0.01 &&
                    p.lonlat[2 * k + 1] >= s - 0.01 && p.lonlat[2 * k + 1] <= n + 0.01);
    }
  ks_mapdata_destroy(m);
}

static void refuses_a_broken_map_naming_the_line(void **state) {
  (void)state;
  char path[1024], err[256];
  const char text[] = "bbox 115 28 123 35\nlayer coast\n3\n120.0 30.0\n121.0 oops\n";
  ts_write(ts_tmp(path, sizeof path, "broken-map.txt"), text, sizeof text - 1);
  assert_null(ks_mapdata_load(path, err, sizeof err));
  assert_non_null(strstr(err, "broken-map.txt:5:"));
  const char no_bbox[] = "layer coast\n2\n1 2\n3 4\n";
  ts_write(path, no_bbox, sizeof no_bbox - 1);
  assert_null(ks_mapdata_load(path, err, sizeof err));
  const char bad_layer[] = "bbox 115 28 123 35\nlayer roads\n";
  ts_write(path, bad_layer, sizeof bad_layer - 1);
  assert_null(ks_mapdata_load(path, err, sizeof err));
  assert_non_null(strstr(err, ":2:"));
  assert_null(ks_mapdata_load(KS_TEST_TMP "/no-such-map.txt", err, sizeof err));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_the_bundled_map),
      cmocka_unit_test(refuses_a_broken_map_naming_the_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
