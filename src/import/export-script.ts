/**
 * The shell script that exports an account's IAM state into the layout `import iam-api` reads
 * (see `iam-api/layout.ts`): every response saved as the API returned it, the request that
 * produced it listed in `manifest.json`. It pages through every list: `page`/`per_page` for
 * permissions and role assignments, `links.next` where the API gives it.
 */
import { EXPORT_FORMAT, MANIFEST } from './iam-api/layout.js';

/** The bash script, ready to print. It needs bash, curl and jq, and an IAM token. */
export function exportScript(version: string): string {
  return `${HEADER.replace('VERSION', version)}
${BODY.replace(/FORMAT/g, EXPORT_FORMAT).replace(/MANIFEST/g, MANIFEST)}`;
}

const HEADER = `#!/usr/bin/env bash
# Exports the IAM state of a Huawei Cloud account for \`permgraph import iam-api DIR\`.
# Written by permgraph VERSION (\`permgraph export-script\`).
#
#   HW_IAM_TOKEN=<X-Auth-Token of a user allowed to read IAM> bash export.sh [DIR]
#
# Environment:
#   HW_IAM_TOKEN      required: an IAM user token (X-Subject-Token of POST /v3/auth/tokens)
#   HW_IAM_ENDPOINT   IAM endpoint (default https://iam.myhuaweicloud.com)
#   HW_DOMAIN_ID      the account (domain) id; default: read from GET /v3/auth/domains
#   PERMGRAPH_PER_GROUP=1  also save each group's role listings on the domain, on each project
#                          and inherited to all projects (one request per group and project)
# Needs bash, curl and jq. The token is sent only to the IAM endpoint; responses are saved
# unchanged in DIR (default iam-export), listed with their requests in DIR/manifest.json.`;

const BODY = `set -euo pipefail

: "\${HW_IAM_TOKEN:?set HW_IAM_TOKEN to an IAM token (X-Auth-Token)}"
endpoint="\${HW_IAM_ENDPOINT:-https://iam.myhuaweicloud.com}"
endpoint="\${endpoint%/}"
out="\${1:-iam-export}"
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "export: $tool is required" >&2; exit 2; }
done
mkdir -p "$out"
entries="$out/.entries.jsonl"
: >"$entries"

# fetch PATH: GET PATH, save the body, list it; prints the saved file's name.
fetch() {
  local path="$1" file status
  file="$(printf '%s' "\${path#/}" | tr '/?&=' '____').json"
  status=$(curl -sS -o "$out/$file" -w '%{http_code}' -H "X-Auth-Token: $HW_IAM_TOKEN" "$endpoint$path")
  if [ "$status" -ge 400 ]; then
    echo "export: GET $path answered $status: $(head -c 300 "$out/$file")" >&2
    exit 1
  fi
  jq -cn --arg request "GET $path" --arg file "$file" '{request: $request, file: $file}' >>"$entries"
  printf '%s\\n' "$file"
}

# fetch_links PATH: GET PATH and every links.next after it; prints the saved files.
fetch_links() {
  local path="$1" file next
  while [ -n "$path" ]; do
    file=$(fetch "$path")
    printf '%s\\n' "$file"
    next=$(jq -r '.links.next // empty' "$out/$file")
    path=""
    if [ -n "$next" ]; then path="/\${next#*://*/}"; fi
  done
}

# fetch_pages PATH KEY PER_PAGE: GET PATH page by page until a page holds fewer than PER_PAGE.
fetch_pages() {
  local path="$1" key="$2" per_page="$3" page=1 file count sep="?"
  case "$path" in *\\?*) sep="&" ;; esac
  while :; do
    file=$(fetch "$path\${sep}page=$page&per_page=$per_page")
    printf '%s\\n' "$file"
    count=$(jq --arg key "$key" '.[$key] | if type == "array" then length elif . == null then 0 else 1 end' "$out/$file")
    [ "$count" -ge "$per_page" ] || break
    page=$((page + 1))
  done
}

domain_file=$(fetch /v3/auth/domains)
domain_id="\${HW_DOMAIN_ID:-$(jq -r '.domains[0].id' "$out/$domain_file")}"

fetch_links /v3/projects >"$out/.projects"
fetch_links /v3/users >/dev/null
fetch_links /v3/groups >"$out/.groups"
group_ids=$(while read -r f; do jq -r '.groups[].id' "$out/$f"; done <"$out/.groups")
project_ids=$(while read -r f; do jq -r '.projects[] | select(.is_domain != true) | .id' "$out/$f"; done <"$out/.projects")

for group in $group_ids; do
  fetch_links "/v3/groups/$group/users" >/dev/null
done

fetch_pages /v3/roles roles 300 >/dev/null
fetch_pages /v3.0/OS-ROLE/roles roles 300 >/dev/null
fetch_pages "/v3.0/OS-PERMISSION/role-assignments?domain_id=$domain_id" role_assignments 50 >/dev/null

if [ "\${PERMGRAPH_PER_GROUP:-0}" = 1 ]; then
  for group in $group_ids; do
    fetch "/v3/domains/$domain_id/groups/$group/roles" >/dev/null
    fetch "/v3/OS-INHERIT/domains/$domain_id/groups/$group/roles/inherited_to_projects" >/dev/null
    for project in $project_ids; do
      fetch "/v3/projects/$project/groups/$group/roles" >/dev/null
    done
  done
fi

jq -s --arg domain "$domain_id" '{format: "FORMAT", version: 1, domain_id: $domain, responses: .}' "$entries" >"$out/MANIFEST"
rm -f "$entries" "$out/.groups" "$out/.projects"
echo "export: $(jq '.responses | length' "$out/MANIFEST") responses saved in $out" >&2
`;
