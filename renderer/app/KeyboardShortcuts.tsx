// The keyboard shortcuts, listed where anyone can find them: "?" or F1 anywhere, the button under
// the navigation, or Help in the app's menu. The areas' keys come from the areas themselves
// (routes.tsx), the register's marks from the register's own map, so the list cannot drift from
// what the keys do.
import { useEffect, useRef } from 'react';
import { areas } from './routes';
import { typingIn } from './focus';
import { markKeys, markLabels } from '../features/courses/format';

interface Group {
  title: string;
  keys: Array<[keys: string[], what: string]>;
}

const groups: Group[] = [
  {
    title: 'Anywhere',
    keys: [
      ...[...areas]
        .sort((a, b) => a.shortcut.localeCompare(b.shortcut))
        .map((a): [string[], string] => [[`Alt+${a.shortcut}`], `Go to ${a.label}`]),
      [['?', 'F1'], 'Show these shortcuts'],
      [['Esc'], 'Close a dialog'],
    ],
  },
  {
    title: 'Participants list',
    keys: [
      [['/', 'Ctrl+F'], 'Search'],
      [['↓'], 'From the search to the results'],
      [['Enter'], 'Open the selected person'],
      [['Ctrl+N'], 'New participant'],
    ],
  },
  {
    title: "A participant's record",
    keys: [
      [['←', '→', 'Home', 'End'], 'Move between the tabs (on a tab)'],
      [['Ctrl+S'], 'Save the form'],
      [['Ctrl+Enter'], 'Add the note (in a note)'],
    ],
  },
  {
    title: "A course run's register",
    keys: [
      ...Object.entries(markKeys).map(([key, mark]): [string[], string] => [
        [key.toUpperCase()],
        `Mark ${markLabels[mark].toLowerCase()}`,
      ]),
      [['↑', '↓'], 'Previous or next person'],
      [['Ctrl+S'], 'Save the register'],
    ],
  },
];

/** Whether a key press is "?" or F1 asking for the list (not "?" typed into a box). */
export function asksForShortcuts(e: KeyboardEvent): boolean {
  if (e.key === 'F1') return true;
  return e.key === '?' && !typingIn(e.target) && !e.ctrlKey && !e.altKey && !e.metaKey;
}

export function KeyboardShortcuts({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.showModal();
    // The list starts at its title, read out first, not at its Close button at the end.
    title.current?.focus();
  }, []);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title" ref={title} tabIndex={-1}>
        Keyboard shortcuts
      </h2>
      <p className="muted">On a Mac, Alt is the Option key (⌥) and Ctrl the Command key (⌘).</p>
      <div className="shortcuts-groups">
        {groups.map((g, n) => (
          <section key={g.title} aria-labelledby={`shortcuts-${n}`}>
            <h3 id={`shortcuts-${n}`}>{g.title}</h3>
            <dl>
              {g.keys.map(([keys, what]) => (
                <div key={what}>
                  <dt>
                    {keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' or '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <button type="button" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
