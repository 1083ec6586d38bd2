package screen

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

// TestScreensPrerender renders every screen as the server does, in Chinese, and checks the
// navigation and each screen's heading.
func TestScreensPrerender(t *testing.T) {
	client.TheStore().Reset(client.BrowserStorage(), func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
	defer client.TheStore().Reset(client.BrowserStorage(), time.Now)
	pages := map[string]app.Composer{
		"家庭成员": &familyPage{}, "共济绑定": &bindingsPage{}, "记一笔账单": &billPage{}, "医保钱包转账": &walletPage{},
		"年度共济汇总": &ledgerPage{}, "为什么要提取？": &withdrawPage{}, "用邀请码加入家庭": &syncPage{},
	}
	for want, p := range pages {
		html := app.HTMLString(p)
		for _, s := range []string{want, `id="wasm-status"`, `data-status="loading"`, `href="/bindings"`} {
			if !strings.Contains(html, s) {
				t.Errorf("%T: lacks %q", p, s)
			}
		}
	}
}

func TestParseYuan(t *testing.T) {
	for in, ok := range map[string]bool{"": true, "12": true, "12.5": true, "12.50": true, "12.501": false, "abc": false, "-1": false} {
		if _, err := parseYuan(in); (err == nil) != ok {
			t.Errorf("parseYuan(%q): err %v", in, err)
		}
	}
}
