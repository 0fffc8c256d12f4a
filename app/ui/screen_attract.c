/* The attract loop: while nobody touches the kiosk, highlights of the pack cycle full-screen —
 * an achievement's key figure, a dated event — with a cue in both languages to touch. Each
 * highlight fades in and then stays still, so the loop costs frames only while fading. */
#include "ui_private.h"

#include "kiosk/mem.h"

#include <stdio.h>
#include <string.h>

/* The highlights: achievements with a key figure (newest first), then events (in order). */
static size_t achievements_with_figures(const ks_ui *ui) {
  size_t n = 0;
  for (size_t i = 0; i < ui->n_achievements; i++)
    n += ui->achievements[i]->n_figures > 0;
  return n;
}

size_t ui_attract_count(const ks_ui *ui) { return achievements_with_figures(ui) + ui->n_events; }

static const ks_exhibit *highlight(const ks_ui *ui, size_t k) {
  for (size_t i = 0; i < ui->n_achievements; i++)
    if (ui->achievements[i]->n_figures > 0 && k-- == 0)
      return ui->achievements[i];
  return k < ui->n_events ? ui->events[k] : NULL;
}

void ui_screen_attract(const frame *f) {
  const ks_ui *ui = f->ui;
  int left = u(f, 2 * KS_MARGIN), w = f->w - 2 * left, y = u(f, 2 * KS_MARGIN);
  ui_text(f, tr(f, &ui->content->meta.title), KS_TYPE_BODY, left, u(f, KS_MARGIN), w, 1,
          KS_TEXT_DIM);
  const ks_exhibit *e = ui->attract_count ? highlight(ui, ui->slide % ui->attract_count) : NULL;
  if (e && e->kind == KS_KIND_ACHIEVEMENT) {
    const ks_figure *fig = &e->figures[0];
    const char *value =
        ui_str(ui->lang == KS_LANG_EN && fig->value_en ? fig->value_en : fig->value);
    ks_face *hero = face(f, 180);
    int vw = ks_face_measure(hero, value, strlen(value));
    y += u(f, 40);
    int vh = ui_text(f, value, 180, left, y, w, 1, KS_GOLD);
    ui_text(f, tr(f, &fig->unit), KS_TYPE_TITLE, left + vw + u(f, 20), y + vh - u(f, 110), w - vw,
            1, KS_GOLD);
    y += vh;
    y += ui_text(f, tr(f, &fig->label), KS_TYPE_SUBTITLE, left, y, w, 1, KS_TEXT_DIM) + u(f, 48);
    y += ui_text(f, tr(f, &e->title), KS_TYPE_HERO, left, y, w, 2, KS_TEXT) + u(f, 24);
    ui_text(f, tr(f, &e->summary), KS_TYPE_SUBTITLE, left, y, w * 4 / 5, 3, KS_TEXT_DIM);
  } else if (e) {
    char date[64];
    ui_format_date(f, e->date, date, sizeof date);
    y += u(f, 40);
    y += ui_text(f, date, 120, left, y, w, 1, KS_CORAL) + u(f, 32);
    y += ui_text(f, tr(f, &e->title), KS_TYPE_HERO, left, y, w, 2, KS_TEXT) + u(f, 24);
    ui_text(f, tr(f, &e->summary), KS_TYPE_SUBTITLE, left, y, w * 4 / 5, 3, KS_TEXT_DIM);
  }
  /* The cue, in both languages whatever the last visitor chose. */
  const char *cue = "触摸探索  ·  Touch to explore";
  ks_face *fc = face(f, KS_TYPE_SUBTITLE);
  int cw = ks_face_measure(fc, cue, strlen(cue)) + u(f, 96), ch = u(f, 96);
  ks_rect pill = {(f->w - cw) / 2, f->h - u(f, KS_MARGIN) - ch, cw, ch};
  ks_gfx_fill_round_rect(f->gfx, pill, ch / 2, KS_GOLD);
  int baseline = pill.y + (ch + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ks_gfx_text(f->gfx, fc, cue, strlen(cue), pill.x + u(f, 48), baseline, KS_ON_ACCENT);
  /* Fade in from the background. */
  if (ui->slide_time < UI_FADE_SECONDS) {
    ks_color veil = KS_BG;
    veil.a = (uint8_t)(255.0f * (1.0f - ui->slide_time / UI_FADE_SECONDS));
    ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, f->h}, veil);
  }
}
