// The search page (/recherche/): Pagefind's JavaScript API, our own markup.
// No inline script or style anywhere, so a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval'; style-src 'self') holds.

const PAGE_SIZE = 10;
const FILTER_GROUPS = [
  ["campagne", "Campagne"],
  ["auteur", "Auteur"],
  ["rubrique", "Rubrique"],
];

const form = document.querySelector(".search__form");
const input = form.querySelector(".search__input");
const filtersBox = form.querySelector(".search__filters");
const status = document.querySelector(".search__status");
const list = document.querySelector(".search__results");
const moreButton = document.querySelector(".search__more");

let pagefind = null;
let latest = 0;
let results = [];
let shown = 0;

function plural(count, singular, pluralForm) {
  return `${count} ${count < 2 ? singular : pluralForm}`;
}

// Rebuild Pagefind's excerpt from its text and <mark> elements only.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  const nodes = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function renderResult(data) {
  const item = element("li", "search-result");
  const title = element("h2", "search-result__title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  title.append(link);
  item.append(title);
  const facts = [data.meta.date, ...(data.filters.rubrique || []), ...(data.filters.auteur || [])];
  if (facts.some(Boolean)) {
    item.append(element("p", "meta", facts.filter(Boolean).join(" · ")));
  }
  const excerpt = element("p", "search-result__excerpt");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  const campaigns = data.filters.campagne || [];
  if (campaigns.length) {
    item.append(element("p", "search-result__hashtags", campaigns.join(" ")));
  }
  return item;
}

function selectedFilters() {
  const filters = {};
  for (const [name] of FILTER_GROUPS) {
    const values = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
    if (values.length) filters[name] = { any: values };
  }
  return filters;
}

async function showMore(run) {
  const page = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(page.map((result) => result.data()));
  if (run !== latest) return;
  list.append(...data.map(renderResult));
  shown += page.length;
  moreButton.hidden = shown >= results.length;
}

function describe(count, query, filtered) {
  const found = count ? plural(count, "résultat", "résultats") : "Aucun résultat";
  const what = query ? ` pour « ${query} »` : "";
  return `${found}${what}${filtered ? " avec les filtres choisis" : ""}.`;
}

function syncAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const box of form.querySelectorAll(".search__filters input:checked")) {
    params.append(box.name, box.value);
  }
  const text = params.toString();
  const address = text ? `?${text}` : location.pathname;
  history.replaceState(null, "", address);
}

async function runSearch() {
  const run = ++latest;
  list.setAttribute("aria-busy", "true");
  try {
    await searchAndShow(run);
  } finally {
    if (run === latest) list.setAttribute("aria-busy", "false");
  }
}

async function searchAndShow(run) {
  const query = input.value.trim();
  const filters = selectedFilters();
  const filtered = Object.keys(filters).length > 0;
  syncAddress(query);
  if (!query && !filtered) {
    list.replaceChildren();
    status.textContent = "";
    moreButton.hidden = true;
    return;
  }
  status.textContent = "Recherche en cours…";
  const options = query ? { filters } : { filters, sort: { date: "desc" } };
  const search = await pagefind.search(query || null, options);
  if (run !== latest || !search) return;
  results = search.results;
  shown = 0;
  list.replaceChildren();
  status.textContent = describe(results.length, query, filtered);
  await showMore(run);
}

function buildFilters(available, wanted) {
  const details = element("details", "search__filter-panel");
  details.append(element("summary", "", "Filtrer par campagne, auteur ou rubrique"));
  for (const [name, label] of FILTER_GROUPS) {
    const counts = available[name] || {};
    const values = Object.keys(counts).sort((a, b) => a.localeCompare(b, "fr"));
    if (!values.length) continue;
    const fieldset = element("fieldset", "search__filter");
    fieldset.append(element("legend", "", label));
    values.forEach((value, index) => {
      const id = `filtre-${name}-${index}`;
      const box = element("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.id = id;
      box.defaultChecked = wanted.getAll(name).includes(value);
      const labelNode = element("label", "", `${value} (${counts[value]})`);
      labelNode.htmlFor = id;
      const row = element("div", "search__filter-option");
      row.append(box, labelNode);
      fieldset.append(row);
    });
    details.append(fieldset);
  }
  details.open = FILTER_GROUPS.some(([name]) => wanted.has(name));
  filtersBox.replaceChildren(details);
  filtersBox.hidden = false;
}

let timer = null;
function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(runSearch, 250);
}

async function main() {
  const wanted = new URLSearchParams(location.search);
  input.value = wanted.get("q") || "";
  try {
    pagefind = await import(form.dataset.bundle);
    await pagefind.options({ baseUrl: form.dataset.baseUrl });
    buildFilters(await pagefind.filters(), wanted);
  } catch (error) {
    status.textContent = "La recherche n'est pas disponible pour le moment : l'index du site est introuvable.";
    list.setAttribute("aria-busy", "false");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    runSearch();
  });
  input.addEventListener("input", searchSoon);
  filtersBox.addEventListener("change", runSearch);
  moreButton.addEventListener("click", () => showMore(latest));
  await runSearch();
}

main();
