package words

// EnglishFile is what web/english.js holds (build/tools/englishjs), as JSON: the app's English
// texts and the engine's English sentences by message id.
type EnglishFile struct {
	App    map[string]string `json:"app"`
	Engine map[string]string `json:"engine"`
}
