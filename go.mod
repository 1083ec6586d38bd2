module gongji

go 1.26

require github.com/shopspring/decimal v1.6.0

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/maxence-charriere/go-app/v10 v10.1.11 // indirect
	github.com/syumai/workers v0.33.0 // indirect
)

tool github.com/syumai/workers/cmd/workers-assets-gen
