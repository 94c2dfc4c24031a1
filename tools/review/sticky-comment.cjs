// The pull request's one comment, found by its marker (diff/format-markdown.ts's COMMENT_MARKER), for
// actions/github-script in .github/workflows/rendered-diff.yml: `read` returns its body ('' when there is none),
// `upsert` replaces it or creates it.
const MARKER = '<!-- rendered-diff -->';

async function find({ github, context }) {
  const { owner, repo } = context.repo;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: context.issue.number,
  });
  return comments.find((c) => c.body && c.body.startsWith(MARKER));
}

async function read({ github, context }) {
  return (await find({ github, context }))?.body ?? '';
}

async function upsert({ github, context, body }) {
  const { owner, repo } = context.repo;
  const existing = await find({ github, context });
  if (existing) await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number: context.issue.number, body });
}

module.exports = { MARKER, read, upsert };
