package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

// articleEntities is one line of `parallax entities --format jsonl`.
type articleEntities struct {
	Source   string        `json:"source"`
	Article  string        `json:"article"`
	Entities []news.Entity `json:"entities"`
}

func newEntitiesCmd(a *app) *cobra.Command {
	var f inputFlags
	var format string
	cmd := &cobra.Command{
		Use:   "entities [--format jsonl|text] INPUT...",
		Short: "Print the named entities of every article: type, canonical name, aliases, roles, mentions",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "text" {
				return fmt.Errorf("--format %q: want jsonl or text", format)
			}
			rec, err := entity.New()
			if err != nil {
				return err
			}
			find := func(art news.Article) (articleEntities, error) {
				ents := rec.EntitiesSplit(art.Text, text.SplitText(art.Text, nil))
				if ents == nil {
					ents = []news.Entity{}
				}
				return articleEntities{Source: art.Source, Article: art.ID, Entities: ents}, nil
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return stream(a, cmd, &f, args, find, func(ae articleEntities) error {
				if format == "jsonl" {
					return enc.Encode(ae)
				}
				fmt.Fprintf(w, "== %s (%s)\n", ae.Source, ae.Article)
				for _, e := range ae.Entities {
					extra := ""
					if len(e.Aliases) > 0 {
						extra += " aka " + strings.Join(e.Aliases, ", ")
					}
					if len(e.Roles) > 0 {
						extra += " [" + strings.Join(e.Roles, "; ") + "]"
					}
					fmt.Fprintf(w, "%-4s %s%s  (%d mentions)\n", e.Type, e.Name, extra, len(e.Mentions))
				}
				_, err := fmt.Fprintln(w)
				return err
			})
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or text")
	return cmd
}
