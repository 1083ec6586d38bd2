package words

import "gongji/shared/source"

// EnglishFile is what web/english.js holds (build/tools/englishjs), as JSON: the app's English
// texts, the engine's English sentences by message id and the source catalogue's English words.
type EnglishFile struct {
	App     map[string]string            `json:"app"`
	Engine  map[string]string            `json:"engine"`
	Sources map[source.ID]source.English `json:"sources"`
}
