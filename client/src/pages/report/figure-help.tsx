/** A plain-language note on a statistical term, folded under the figures it explains. */
export function FigureHelp({ question, answer }: { question: string; answer: string }) {
  return (
    <details class="figure-help">
      <summary>{question}</summary>
      <p>{answer}</p>
    </details>
  );
}
