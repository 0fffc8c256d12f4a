/* The catalog of the UI's own words (kiosk/strings.h): a table per language. Keys are dotted,
 * by where they show (a screen's name) or what they name (field.*, province.*, month.*). */
#include "kiosk/strings.h"

#include "kiosk/lang.h"

#include <string.h>
#include <strings.h>

typedef struct {
  const char *key, *text;
} entry;

static const entry zh[] = {
    {"lang.name", "中文"},
    {"home.subtitle", "沪苏浙皖 · G60科创走廊"},
    {"home.achievements.count", "%zu 项成果"},
    {"home.cities.count", "%zu 座城市"},
    {"home.events.count", "%zu 个事件"},
    {"home.timeline.span", "%d—%d 年的协同创新历程"},
    {"home.achievements.blurb", "芯片、量子、生命科学……长三角联合攻关取得的突破与成果"},
    {"home.cities.blurb", "G60科创走廊九城与长三角创新城市的故事"},
    {"home.explore", "轻触板块，开始探索"},
    {"achievements.title", "创新成果"},
    {"achievements.subtitle", "%zu 项成果 · 最新在前"},
    {"achievements.all-fields", "全部领域"},
    {"achievements.all-places", "全部地区"},
    {"achievements.none", "没有符合条件的成果"},
    {"achievement.who", "参与单位"},
    {"figure.as_of", "截至%s"},
    {"cities.title", "走廊城市"},
    {"cities.subtitle", "%zu 座城市与地方 · 轻触地图上的城市"},
    {"cities.corridor", "G60科创走廊"},
    {"cities.more", "其他城市与地方"},
    {"cities.whole_map", "全图"},
    {"cities.open", "打开"},
    {"city.facts", "要点"},
    {"timeline.title", "时间轴"},
    {"statistics.title", "数说长三角"},
    {"statistics.subtitle", "%zu 组数据 · 轻触查看历年数值"},
    {"home.statistics.count", "%zu 组数据"},
    {"home.statistics.blurb", "仪器、经费、专利……用数字看长三角协同创新"},
    {"statistic.values", "历年数值"},
    {"statistic.measure", "统计口径"},
    {"stat.approx.over", "超%s"},
    {"stat.approx.about", "约%s"},
    {"stat.approx.nearly", "近%s"},
    {"stat.period", "%s—%s"},
    {"stat.reported", "%s报道"},
    {"stat.target_for", "目标 · %s"},
    {"timeline.subtitle", "%zu 个事件 · 左右滑动浏览"},
    {"attract.cue", "轻触开始探索"},
    {"page.position", "%zu / %zu"},
    {"page.previous", "上一个"},
    {"page.next", "下一个"},
    {"event.in_time", "在时间轴上"},
    {"event.before", "之前"},
    {"event.after", "之后"},
    {"idle.ask", "还在看吗？"},
    {"idle.touch", "轻触屏幕继续浏览"},
    {"idle.left", "%d 秒后回到首页"},
    {"home.tile.go", "探索 →"},
    {"source", "来源：%s（%s）"},
    {"locator.title", "在地图上"},
    {"picture.when", "在时间轴上"},
    {"qr.scan", "扫码阅读"},
    {"image.broken", "图片无法显示"},
    {"image.loading", "图片载入中"},
    {"notice.install", "安装"},
    {"notice.export", "导出统计"},
    {"notice.close", "关闭"},
    {"year.reported", "%d年报道"},
    {"home.achievements.reported", "年份为报道年份"},
    {"date.day", "%1$d年%2$s%3$d日"},
    {"date.month_day", "%1$s%2$d日"},
    {"date.month", "%1$d年%2$s"},
    {"date.year", "%d年"},
    {"month.1", "1月"},
    {"month.2", "2月"},
    {"month.3", "3月"},
    {"month.4", "4月"},
    {"month.5", "5月"},
    {"month.6", "6月"},
    {"month.7", "7月"},
    {"month.8", "8月"},
    {"month.9", "9月"},
    {"month.10", "10月"},
    {"month.11", "11月"},
    {"month.12", "12月"},
    {"field.chips", "芯片与集成电路"},
    {"field.quantum", "量子科技"},
    {"field.life-science", "生命科学与医药"},
    {"field.materials", "新材料"},
    {"field.aerospace", "航空航天"},
    {"field.robotics", "机器人与智能制造"},
    {"field.information", "信息网络与人工智能"},
    {"field.energy", "能源"},
    {"field.environment", "生态环境"},
    {"field.marine", "海洋装备"},
    {"field.tech-transfer", "技术转移与成果转化"},
    {"field.platforms", "创新平台与资源共享"},
    {"field.cooperation", "协同机制与联合攻关"},
    {"field.instruments", "仪器与检测"},
    {"province.shanghai", "上海"},
    {"province.jiangsu", "江苏"},
    {"province.zhejiang", "浙江"},
    {"province.anhui", "安徽"},
    {NULL, NULL},
};

static const entry en[] = {
    {"lang.name", "English"},
    {"home.subtitle", "Shanghai, Jiangsu, Zhejiang, Anhui and the G60 corridor"},
    {"home.achievements.count", "%zu results"},
    {"home.achievements.count.one", "%zu result"},
    {"home.cities.count", "%zu cities"},
    {"home.cities.count.one", "%zu city"},
    {"home.events.count", "%zu events"},
    {"home.events.count.one", "%zu event"},
    {"home.timeline.span", "Joint innovation, %d to %d"},
    {"home.achievements.blurb",
     "Chips, quantum, life science: breakthroughs the Delta achieved together"},
    {"home.cities.blurb", "The nine cities of the G60 corridor and their stories"},
    {"home.explore", "Tap a panel to explore"},
    {"achievements.title", "Achievements"},
    {"achievements.subtitle", "%zu results · newest first"},
    {"achievements.subtitle.one", "%zu result · newest first"},
    {"achievements.all-fields", "All fields"},
    {"achievements.all-places", "All places"},
    {"achievements.none", "No achievement matches these filters"},
    {"achievement.who", "Who"},
    {"figure.as_of", "as of %s"},
    {"cities.title", "Corridor cities"},
    {"cities.subtitle", "%zu cities and places · tap a city"},
    {"cities.subtitle.one", "%zu city and places · tap a city"},
    {"cities.corridor", "G60 corridor"},
    {"cities.more", "More cities and places"},
    {"cities.whole_map", "Whole map"},
    {"cities.open", "Open"},
    {"city.facts", "Facts"},
    {"timeline.title", "Timeline"},
    {"statistics.title", "In numbers"},
    {"statistics.subtitle", "%zu measures · tap for every value"},
    {"statistics.subtitle.one", "%zu measure · tap for every value"},
    {"home.statistics.count", "%zu measures"},
    {"home.statistics.count.one", "%zu measure"},
    {"home.statistics.blurb",
     "Instruments, funding, patents: the Delta's joint innovation in figures"},
    {"statistic.values", "Values over time"},
    {"statistic.measure", "What is counted"},
    {"stat.approx.over", "over %s"},
    {"stat.approx.about", "about %s"},
    {"stat.approx.nearly", "nearly %s"},
    {"stat.period", "%s–%s"},
    {"stat.reported", "reported %s"},
    {"stat.target_for", "target · %s"},
    {"timeline.subtitle", "%zu events · swipe to travel in time"},
    {"timeline.subtitle.one", "%zu event · swipe to travel in time"},
    {"attract.cue", "Touch to explore"},
    {"page.position", "%zu / %zu"},
    {"page.previous", "Previous"},
    {"page.next", "Next"},
    {"event.in_time", "On the timeline"},
    {"event.before", "Before"},
    {"event.after", "After"},
    {"idle.ask", "Still there?"},
    {"idle.touch", "Touch the screen to stay"},
    {"idle.left", "Back to the start in %d s"},
    {"home.tile.go", "Explore →"},
    {"source", "Source: %s (%s)"},
    {"locator.title", "On the map"},
    {"picture.when", "On the timeline"},
    {"qr.scan", "Scan to read"},
    {"image.broken", "Image unavailable"},
    {"image.loading", "Loading image"},
    {"notice.install", "Install"},
    {"notice.export", "Export statistics"},
    {"notice.close", "Close"},
    {"year.reported", "reported %d"},
    {"home.achievements.reported", "Years are when reported"},
    {"date.day", "%3$d %2$s %1$d"},
    {"date.month_day", "%2$d %1$s"},
    {"date.month", "%2$s %1$d"},
    {"date.year", "%d"},
    {"month.1", "January"},
    {"month.2", "February"},
    {"month.3", "March"},
    {"month.4", "April"},
    {"month.5", "May"},
    {"month.6", "June"},
    {"month.7", "July"},
    {"month.8", "August"},
    {"month.9", "September"},
    {"month.10", "October"},
    {"month.11", "November"},
    {"month.12", "December"},
    {"field.chips", "Chips"},
    {"field.quantum", "Quantum"},
    {"field.life-science", "Life science"},
    {"field.materials", "Materials"},
    {"field.aerospace", "Aerospace"},
    {"field.robotics", "Robotics"},
    {"field.information", "Networks & AI"},
    {"field.energy", "Energy"},
    {"field.environment", "Environment"},
    {"field.marine", "Marine"},
    {"field.tech-transfer", "Tech transfer"},
    {"field.platforms", "Shared platforms"},
    {"field.cooperation", "Cooperation"},
    {"field.instruments", "Instruments"},
    {"province.shanghai", "Shanghai"},
    {"province.jiangsu", "Jiangsu"},
    {"province.zhejiang", "Zhejiang"},
    {"province.anhui", "Anhui"},
    {NULL, NULL},
};

static const entry ja[] = {
    {"lang.name", "日本語"},
    {"home.subtitle", "上海・江蘇・浙江・安徽 · G60科創回廊"},
    {"home.achievements.count", "%zu 件の成果"},
    {"home.cities.count", "%zu 都市"},
    {"home.events.count", "%zu 件の出来事"},
    {"home.timeline.span", "%d〜%d 年の協同イノベーションの歩み"},
    {"home.achievements.blurb", "半導体、量子、生命科学……長江デルタが共同で成し遂げた突破と成果"},
    {"home.cities.blurb", "G60科創回廊の9都市と長江デルタのイノベーション都市の物語"},
    {"home.explore", "パネルをタッチして探索を始めましょう"},
    {"achievements.title", "イノベーションの成果"},
    {"achievements.subtitle", "%zu 件の成果 · 新しい順"},
    {"achievements.all-fields", "すべての分野"},
    {"achievements.all-places", "すべての地域"},
    {"achievements.none", "条件に合う成果はありません"},
    {"achievement.who", "参加機関"},
    {"figure.as_of", "%s時点"},
    {"cities.title", "回廊の都市"},
    {"cities.subtitle", "%zu の都市と地域 · 地図上の都市をタッチ"},
    {"cities.corridor", "G60科創回廊"},
    {"cities.more", "その他の都市と地域"},
    {"cities.whole_map", "地図全体"},
    {"cities.open", "開く"},
    {"city.facts", "ポイント"},
    {"timeline.title", "年表"},
    {"statistics.title", "数字で見る長江デルタ"},
    {"statistics.subtitle", "%zu 件のデータ · タップで各年の数値"},
    {"home.statistics.count", "%zu 件のデータ"},
    {"home.statistics.blurb", "機器、資金、特許……数字で見る長江デルタの協同イノベーション"},
    {"statistic.values", "各年の数値"},
    {"statistic.measure", "統計の範囲"},
    {"stat.approx.over", "%s超"},
    {"stat.approx.about", "約%s"},
    {"stat.approx.nearly", "%s近く"},
    {"stat.period", "%s〜%s"},
    {"stat.reported", "%s報道"},
    {"stat.target_for", "目標 · %s"},
    {"timeline.subtitle", "%zu 件の出来事 · 左右にスワイプして閲覧"},
    {"attract.cue", "タッチして探索"},
    {"page.position", "%zu / %zu"},
    {"page.previous", "前へ"},
    {"page.next", "次へ"},
    {"event.in_time", "年表の中で"},
    {"event.before", "前"},
    {"event.after", "後"},
    {"idle.ask", "まだご覧になりますか？"},
    {"idle.touch", "画面にタッチすると閲覧を続けられます"},
    {"idle.left", "%d 秒後にホームに戻ります"},
    {"home.tile.go", "探索 →"},
    {"source", "出典：%s（%s）"},
    {"locator.title", "地図で見る"},
    {"picture.when", "年表の上で"},
    {"qr.scan", "スキャンして読む"},
    {"image.broken", "画像を表示できません"},
    {"image.loading", "画像を読み込み中"},
    {"notice.install", "インストール"},
    {"notice.export", "統計をエクスポート"},
    {"notice.close", "閉じる"},
    {"year.reported", "%d年の報道"},
    {"home.achievements.reported", "年は報道された年"},
    {"date.day", "%1$d年%2$s%3$d日"},
    {"date.month_day", "%1$s%2$d日"},
    {"date.month", "%1$d年%2$s"},
    {"date.year", "%d年"},
    {"month.1", "1月"},
    {"month.2", "2月"},
    {"month.3", "3月"},
    {"month.4", "4月"},
    {"month.5", "5月"},
    {"month.6", "6月"},
    {"month.7", "7月"},
    {"month.8", "8月"},
    {"month.9", "9月"},
    {"month.10", "10月"},
    {"month.11", "11月"},
    {"month.12", "12月"},
    {"field.chips", "半導体・集積回路"},
    {"field.quantum", "量子科学技術"},
    {"field.life-science", "生命科学・医薬"},
    {"field.materials", "新素材"},
    {"field.aerospace", "航空宇宙"},
    {"field.robotics", "ロボット・スマート製造"},
    {"field.information", "情報ネットワーク・人工知能"},
    {"field.energy", "エネルギー"},
    {"field.environment", "生態環境"},
    {"field.marine", "海洋装備"},
    {"field.tech-transfer", "技術移転・成果の実用化"},
    {"field.platforms", "イノベーション基盤・資源共有"},
    {"field.cooperation", "協同の仕組み・共同研究"},
    {"field.instruments", "計測機器・検査"},
    {"province.shanghai", "上海"},
    {"province.jiangsu", "江蘇"},
    {"province.zhejiang", "浙江"},
    {"province.anhui", "安徽"},
    {NULL, NULL},
};

static const struct {
  const char *code;
  const entry *entries;
} catalog[] = {{"zh", zh}, {"en", en}, {"ja", ja}};

enum { N_LANGS = sizeof catalog / sizeof *catalog };

/* The column of the catalog that speaks `lang` (a BCP 47 tag): its own code, else one of the
 * same language written in the same script — zh-CN and zh-Hans read the zh column, zh-Hant does
 * not (the zh column is Simplified), ja-JP reads ja. */
static const entry *entries_of(const char *lang) {
  for (size_t i = 0; lang && i < N_LANGS; i++)
    if (ks_lang_same(catalog[i].code, lang))
      return catalog[i].entries;
  size_t n = lang ? strcspn(lang, "-") : 0;
  for (size_t i = 0; n && i < N_LANGS; i++)
    if (strlen(catalog[i].code) == n && strncasecmp(catalog[i].code, lang, n) == 0 &&
        ks_lang_script(catalog[i].code) == ks_lang_script(lang))
      return catalog[i].entries;
  return NULL;
}

const char *ks_strings_get(const char *lang, const char *key) {
  const entry *e = entries_of(lang);
  for (; e && key && e->key; e++)
    if (strcmp(e->key, key) == 0)
      return e->text;
  return NULL;
}

const char *ks_strings_lang(size_t i) { return i < N_LANGS ? catalog[i].code : NULL; }

const char *ks_strings_key(const char *lang, size_t i) {
  const entry *e = entries_of(lang);
  for (size_t k = 0; e && e[k].key; k++)
    if (k == i)
      return e[k].key;
  return NULL;
}

const char *ks_strings_say(const char *lang, const char *key, const char *default_lang) {
  const char *s = ks_strings_get(lang, key);
  if (!s)
    s = ks_strings_get("en", key);
  if (!s)
    s = ks_strings_get(default_lang, key);
  return s ? s : key;
}

const char *ks_strings_lang_name(const char *lang) {
  const char *name = ks_strings_get(lang, "lang.name");
  if (name)
    return name;
  /* Languages the catalog has no column for, each named in itself: a pack in them still shows
   * its language control right, its other words in English. */
  static const struct {
    const char *tag, *name;
  } names[] = {{"zh-Hant", "繁體中文"}, {"zh-TW", "繁體中文"}, {"zh-HK", "繁體中文（香港）"},
               {"yue", "粵語"},         {"ko", "한국어"},      {"fr", "Français"},
               {"de", "Deutsch"},       {"es", "Español"},     {"it", "Italiano"},
               {"pt", "Português"},     {"ru", "Русский"},     {"nl", "Nederlands"}};
  for (size_t i = 0; lang && i < sizeof names / sizeof *names; i++)
    if (ks_lang_same(names[i].tag, lang))
      return names[i].name;
  size_t n = lang ? strcspn(lang, "-") : 0;
  for (size_t i = 0; n && i < sizeof names / sizeof *names; i++)
    if (strlen(names[i].tag) == n && strncasecmp(names[i].tag, lang, n) == 0)
      return names[i].name;
  if (lang && ks_lang_script(lang) == KS_SCRIPT_HANT) /* zh-Hant-TW, zh-MO */
    return "繁體中文";
  return lang ? lang : "";
}
