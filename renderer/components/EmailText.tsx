// An email address in a narrow column: it may break onto a second line just before its "@" (and,
// if a part is still too long for the column, anywhere), never widening the column past the window.
export function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  return (
    <span className="breakable">
      {at > 0 ? (
        <>
          {email.slice(0, at)}
          <wbr />
          {email.slice(at)}
        </>
      ) : (
        email
      )}
    </span>
  );
}
