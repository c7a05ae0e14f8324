package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parallax-news/parallax/internal/news"
)

// quoteJSON is the wire form of a quotation: unknown speaker and role are null.
type quoteJSON struct {
	Source         string         `json:"source"`
	Article        string         `json:"article"`
	Text           string         `json:"text"`
	Kind           news.QuoteKind `json:"kind"`
	Speaker        *string        `json:"speaker"`
	SpeakerMention *string        `json:"speaker_mention"`
	Role           *string        `json:"role"`
	Cue            *string        `json:"cue"`
	Start          int            `json:"start"`
	End            int            `json:"end"`
	InTitle        bool           `json:"in_title,omitempty"`
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func newQuotesCmd(a *app) *cobra.Command {
	var f inputFlags
	var format string
	cmd := &cobra.Command{
		Use:   "quotes [--format jsonl|text] INPUT...",
		Short: "Print every quotation (direct, partial, indirect) with its speaker, role and cue",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "text" {
				return fmt.Errorf("--format %q: want jsonl or text", format)
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return a.analysed(cmd, &f, args, func(aa news.AnalysedArticle) error {
				if format == "text" && len(aa.Quotes) > 0 {
					fmt.Fprintf(w, "== %s (%s)\n", aa.Source, aa.Title)
				}
				for _, q := range aa.Quotes {
					if format == "jsonl" {
						if err := enc.Encode(quoteJSON{Source: q.Source, Article: q.Article, Text: q.Text, Kind: q.Kind,
							Speaker: orNull(q.Speaker), SpeakerMention: orNull(q.SpeakerMention), Role: orNull(q.Role),
							Cue: orNull(q.Cue), Start: q.Start, End: q.End, InTitle: q.InTitle}); err != nil {
							return err
						}
						continue
					}
					who := q.Speaker
					if who == "" {
						who = "(unknown)"
					}
					if q.Role != "" {
						who += ", " + q.Role
					}
					fmt.Fprintf(w, "%-8s %s [%s %q]: %s\n", q.Kind, who, q.Cue, q.SpeakerMention, q.Text)
				}
				if format == "text" && len(aa.Quotes) > 0 {
					fmt.Fprintln(w)
				}
				return nil
			})
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or text")
	return cmd
}
