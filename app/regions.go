package app

import "gongji/shared/region"

// cities are the regions the forms offer: those with their own rows in the policy table and
// a few large cities on the national defaults.
var cities = []struct {
	Code   region.Code
	ZH, EN string
}{
	{"440300", "深圳", "Shenzhen"},
	{"440100", "广州", "Guangzhou"},
	{"330100", "杭州", "Hangzhou"},
	{"420100", "武汉", "Wuhan"},
	{"370200", "青岛", "Qingdao"},
	{"371000", "威海", "Weihai"},
	{"350500", "泉州", "Quanzhou"},
	{"320100", "南京", "Nanjing"},
	{"320500", "苏州", "Suzhou"},
	{"310100", "上海", "Shanghai"},
	{"110100", "北京", "Beijing"},
	{"630100", "西宁", "Xining"},
}

// cityName is a region's name in lang, or its code when not listed.
func cityName(lang string, c region.Code) string {
	for _, x := range cities {
		if x.Code == c {
			if lang == English {
				return x.EN
			}
			return x.ZH
		}
	}
	return string(c)
}
