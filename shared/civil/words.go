package civil

import (
	"strconv"
	"time"
)

// ZH is the date as a family reads it in Chinese: 2025年10月13日.
func (d Date) ZH() string {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// EN is the date as an English reader reads it: 13 October 2025.
func (d Date) EN() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2 January 2006")
}

// TimeZH is a moment in UTC+8 as a family reads it in Chinese: 2025年10月13日 06:00.
func TimeZH(t time.Time) string {
	return DateOf(t).ZH() + " " + t.In(Zone()).Format("15:04")
}

// TimeEN is a moment in UTC+8 in English: 13 October 2025, 06:00.
func TimeEN(t time.Time) string {
	return DateOf(t).EN() + ", " + t.In(Zone()).Format("15:04")
}
