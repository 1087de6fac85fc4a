// The project's own ESLint rules (eslint.config.js), for what no installed plugin checks.

/** Every eslint-disable comment says why, on the same line: `-- <reason>`. */
const disableNeedsReason = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Require a reason (`-- why`) on every eslint-disable comment' },
    schema: [],
    messages: { missing: 'Say why on the same line: `{{directive}} <rule> -- <reason>`.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const match = /^\s*(eslint-disable(?:-next-line|-line)?)\b(.*)$/s.exec(comment.value);
          if (!match) continue;
          const reason = match[2].split(/\s--\s/)[1];
          if (!reason || !reason.trim())
            context.report({ loc: comment.loc, messageId: 'missing', data: { directive: match[1] } });
        }
      },
    };
  },
};

/** No line longer than `max` characters, except lines holding a URL (Prettier does not break strings, comments or JSX text). */
const maxLineLength = {
  meta: {
    type: 'layout',
    docs: { description: 'Limit line length, ignoring lines with a URL' },
    schema: [{ type: 'integer', minimum: 1 }],
    messages: {
      long: 'This line is {{length}} characters long; the limit is {{max}}. Break the string, comment or text.',
    },
  },
  create(context) {
    const max = context.options[0] ?? 160;
    return {
      Program() {
        context.sourceCode.lines.forEach((line, i) => {
          if (line.length <= max || /\b[a-z][a-z0-9+.-]*:\/\/\S/i.test(line)) return;
          context.report({
            loc: { start: { line: i + 1, column: max }, end: { line: i + 1, column: line.length } },
            messageId: 'long',
            data: { length: String(line.length), max: String(max) },
          });
        });
      },
    };
  },
};

export const localRules = {
  rules: { 'disable-needs-reason': disableNeedsReason, 'max-line-length': maxLineLength },
};
