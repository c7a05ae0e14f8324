package server_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/source"

	"net/http/httptest"
)

// chromium finds the browser: $PARALLAX_CHROMIUM, else Debian's chromium.
// Without one the test skips, except under CI=true, where it fails.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("PARALLAX_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (CI=true requires it: apt-get install chromium, or set PARALLAX_CHROMIUM)")
	}
	t.Skip("skipping the browser test: no Chromium found (apt-get install chromium, or set PARALLAX_CHROMIUM)")
	return ""
}

// TestBrowserFoundingCase ingests the two founding articles, opens the web
// UI in headless Chromium, follows the story from the home page and checks
// what a reader sees: both outlets side by side and the voices each one
// lets speak; it takes screenshots on a desktop and a phone viewport.
func TestBrowserFoundingCase(t *testing.T) {
	seeds := eval.Need(t, "seeds")
	browser := chromium(t)
	ctx := context.Background()
	s := openStore(t)
	an, err := pipeline.NewAnalyser()
	if err != nil {
		t.Fatal(err)
	}
	in, err := ingest.New(ctx, s, an)
	if err != nil {
		t.Fatal(err)
	}
	var arts []news.Article
	for d, err := range (&source.Opener{}).Documents(ctx, []string{seeds}) {
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	if res, err := in.Articles(ctx, arts); err != nil || res.Added != 2 {
		t.Fatalf("ingest seeds: %+v, %v", res, err)
	}
	srv := httptest.NewServer((&server.Server{Store: s}).Handler())
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first action starts the browser: no timeout on its context; the
	// steps after it run under one.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	bctx, cancel = context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

	step := func(a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, a); err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	eval := func(js string) []string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("browser: %s: %v", js, err)
		}
		return v
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("browser: %v", err)
	}
	step(chromedp.WaitVisible(chromedp.CSS(`.story-item a`)))
	step(chromedp.Click(chromedp.CSS(`.story-item a`)))
	step(chromedp.WaitVisible(chromedp.CSS(`#story`)))
	title, err := chromedp.Run(bctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	outlets := eval(`[...document.querySelectorAll('.article-col .outlet')].map(e => e.textContent.trim())`)
	voices := eval(`[...document.querySelectorAll('.voice .speaker')].map(e => e.textContent.trim())`)
	omits := eval(`[...document.querySelectorAll('.omits')].map(e => e.textContent.trim())`)
	desktop, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	step(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	step(chromedp.Reload())
	step(chromedp.WaitVisible(chromedp.CSS(`#story`)))
	overflow, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	phone, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Medvedev") && !strings.Contains(title, "delegation") {
		t.Errorf("story page title %q", title)
	}
	joined := strings.Join(outlets, "|")
	if len(outlets) != 2 || !strings.Contains(joined, "RT") || !strings.Contains(joined, "The Moscow Times") {
		t.Errorf("side by side outlets = %q, want RT and The Moscow Times", outlets)
	}
	for _, who := range []string{"Lavrov", "Putin", "Earnest"} {
		if !strings.Contains(strings.Join(voices, "|"), who) {
			t.Errorf("voices %q lack %s", voices, who)
		}
	}
	if !strings.Contains(strings.Join(omits, "|"), "Putin") {
		t.Errorf("the page should say RT leaves out Putin: %q", omits)
	}
	if overflow {
		t.Error("the story page scrolls sideways on a phone")
	}
	dir := os.Getenv("PARALLAX_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, shot := range map[string][]byte{"story-desktop.png": desktop, "story-phone.png": phone} {
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			// FullScreenshot with a quality below 100 is a JPEG.
			if !bytes.HasPrefix(shot, []byte{0xff, 0xd8}) {
				t.Errorf("%s: neither PNG nor JPEG: %v", name, err)
			}
			name = strings.TrimSuffix(name, ".png") + ".jpg"
		} else if img.Bounds().Dx() < 300 {
			t.Errorf("%s: %v wide", name, img.Bounds())
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s (%d bytes)", p, len(shot))
	}
}
