/*
 * ZMP town twinning assistant: an embeddable chat widget.
 *
 *   <script src="https://HOST/widget.js" defer></script>
 *
 * One file, no build step. It calls the API next to its own URL (or the URL in
 * data-api="..."), lives in a shadow DOM so that the host page's styles never
 * touch it, speaks the language of <html lang> (Polish or English), and keeps
 * the conversation in sessionStorage across page reloads.
 *
 * Safety: answer text is never parsed as HTML. The small Markdown subset below
 * (bold, italics, code, lists, line breaks, http(s) links, citation markers)
 * is turned into DOM nodes with textContent only.
 */
(function () {
  "use strict";
  if (window.__zmpTwinningWidget) return;
  window.__zmpTwinningWidget = true;

  var script =
    document.currentScript ||
    document.querySelector('script[src*="widget.js"]');
  var BASE = new URL(
    (script && script.getAttribute("data-api")) || "./",
    script && script.src ? script.src : location.href
  ).href;
  var STORAGE_KEY = "zmp-twinning-assistant:v1";
  var MAX_CHARS = 2000;
  var FIRST_ROWS = 10;

  var STRINGS = {
    pl: {
      launcher: "Asystent miast partnerskich",
      title: "Asystent miast partnerskich",
      subtitle: "Związek Miast Polskich",
      close: "Zamknij asystenta",
      reset: "Nowa rozmowa",
      input: "Twoje pytanie",
      placeholder: "Zadaj pytanie…",
      send: "Wyślij",
      log: "Rozmowa z asystentem",
      welcome:
        "Dzień dobry! Zapytaj o partnerstwa polskich miast, gmin i powiatów: z kim, od kiedy i w jakiej formie.",
      you: "Ty",
      assistant: "Asystent",
      thinking: "Szukam odpowiedzi…",
      up: "Dobra odpowiedź",
      down: "Słaba odpowiedź",
      thanks: "Dziękujemy za opinię.",
      feedbackFailed: "Nie udało się zapisać opinii.",
      sources: "Źródła",
      source: "Źródło",
      back: "Wróć do rozmowy",
      loading: "Wczytywanie…",
      sourceFailed: "Nie udało się wczytać źródła.",
      line: "wiersz",
      lines: "wiersze",
      showAll: function (n) {
        return "Pokaż wszystkie wiersze (" + n + ")";
      },
      showFewer: "Pokaż mniej",
      rowsOf: function (shown, total) {
        return "Pokazano " + shown + " z " + total;
      },
      rowsLost: "Po przeładowaniu strony zachowano tylko część wierszy.",
      table: "Dane odpowiedzi",
      tableView: "Tabela",
      mapView: "Mapa",
      mapTitle: "Mapa partnerstw z tej odpowiedzi",
      csv: "Pobierz CSV",
      networkError: "Brak połączenia z asystentem. Spróbuj ponownie.",
      interrupted: "Odpowiedź została przerwana. Spróbuj ponownie.",
      tooLong: "Pytanie jest za długie (najwyżej " + MAX_CHARS + " znaków).",
      choose: "Wybierz:",
      columns: {
        unit: "Jednostka",
        unit_type: "Typ",
        country: "Kraj",
        partner: "Partner",
        agreement_year: "Umowa (rok)",
        other_form: "Inna forma",
        source: "Źródło",
        line: "Wiersz",
        partnerships: "Partnerstwa",
        option: "Opcja",
        country_en: "Kraj (ang.)",
        other_year: "Inna forma (rok)",
      },
    },
    en: {
      launcher: "Town twinning assistant",
      title: "Town twinning assistant",
      subtitle: "Association of Polish Cities",
      close: "Close the assistant",
      reset: "New conversation",
      input: "Your question",
      placeholder: "Ask a question…",
      send: "Send",
      log: "Conversation with the assistant",
      welcome:
        "Hello! Ask about partnerships of Polish towns, gminas and powiats: with whom, since when and in what form.",
      you: "You",
      assistant: "Assistant",
      thinking: "Looking for an answer…",
      up: "Helpful answer",
      down: "Unhelpful answer",
      thanks: "Thank you for your feedback.",
      feedbackFailed: "The feedback could not be saved.",
      sources: "Sources",
      source: "Source",
      back: "Back to the conversation",
      loading: "Loading…",
      sourceFailed: "The source could not be loaded.",
      line: "line",
      lines: "lines",
      showAll: function (n) {
        return "Show all " + n + " rows";
      },
      showFewer: "Show fewer",
      rowsOf: function (shown, total) {
        return "Showing " + shown + " of " + total;
      },
      rowsLost: "Only part of the rows was kept after the page reload.",
      table: "Answer data",
      tableView: "Table",
      mapView: "Map",
      mapTitle: "Map of this answer's partnerships",
      csv: "Download CSV",
      networkError: "The assistant cannot be reached. Please try again.",
      interrupted: "The answer was interrupted. Please try again.",
      tooLong: "The question is too long (at most " + MAX_CHARS + " characters).",
      choose: "Choose:",
      columns: {
        unit: "Unit",
        unit_type: "Type",
        country: "Country",
        partner: "Partner",
        agreement_year: "Agreement year",
        other_form: "Other form",
        source: "Source",
        line: "Line",
        partnerships: "Partnerships",
        option: "Option",
        country_en: "Country (English)",
        other_year: "Other form year",
      },
    },
  };

  function lang() {
    var l = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    return l.slice(0, 2) === "pl" ? "pl" : "en";
  }
  function t(key) {
    return STRINGS[lang()][key];
  }
  function api(path) {
    return new URL(path, BASE).href;
  }
  function sourceUrl(source, a, b) {
    var path = String(source).split("/").map(encodeURIComponent).join("/");
    return api("api/sources/" + path) + "?lines=" + a + "-" + b;
  }

  // --- state, kept in sessionStorage ---------------------------------------------------------

  var state = { conversationId: null, messages: [], open: false };
  try {
    var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
    if (saved && Array.isArray(saved.messages)) state = saved;
  } catch (e) {
    /* storage unavailable or corrupt: start fresh */
  }

  function save() {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      // Over quota (huge data tables): keep the conversation, trim the rows.
      try {
        var slim = JSON.parse(JSON.stringify(state));
        slim.messages.forEach(function (m) {
          if (m.answer && m.answer.data && m.answer.data.rows.length > 50) {
            m.answer.data.rows = m.answer.data.rows.slice(0, 50);
            m.rowsTrimmed = true;
          }
        });
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(slim));
      } catch (e2) {
        /* give up quietly: the page still works without persistence */
      }
    }
  }

  function answerCount() {
    return state.messages.filter(function (m) {
      return m.role === "assistant";
    }).length;
  }

  // --- DOM helpers ------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : v);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // --- Markdown subset, built from nodes ---------------------------------------------------------

  var INLINE =
    /\\([\\`*_\[\]()#+\-.!|<>])|\*\*([\s\S]+?)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\[(\d+(?:\s*[,;]\s*\d+)*)\]|(https?:\/\/[^\s<>()\[\]"]+[^\s<>()\[\]".,;:!?'])|(?:^|(?<=[\s(]))\*(?!\s)([^*\n]+?)\*(?!\w)/g;

  // Groups: 1 escaped character, 2 **bold**, 3 `code`, 4-5 [link](url), 6 citation
  // markers [1] or [1, 2], 7 a bare http(s) URL, 8 *italics*.
  function inline(text, ctx, parent) {
    var re = new RegExp(INLINE.source, "g");
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1] !== undefined) parent.appendChild(document.createTextNode(m[1]));
      else if (m[2] !== undefined) {
        var strong = el("strong");
        inline(m[2], ctx, strong);
        parent.appendChild(strong);
      } else if (m[3] !== undefined) parent.appendChild(el("code", { text: m[3] }));
      else if (m[4] !== undefined) {
        // Only http(s) links become links; anything else (javascript:, data:) stays text.
        if (/^https?:\/\//i.test(m[5])) parent.appendChild(link(m[5], m[4]));
        else parent.appendChild(document.createTextNode(m[4]));
      } else if (m[6] !== undefined) citationMarkers(m[6], ctx, parent);
      else if (m[7] !== undefined) parent.appendChild(link(m[7], m[7]));
      else if (m[8] !== undefined) {
        var em = el("em");
        inline(m[8], ctx, em);
        parent.appendChild(em);
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function link(href, text) {
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow", text: text });
  }

  function citationMarkers(list, ctx, parent) {
    var ids = list.split(/\s*[,;]\s*/);
    var sup = el("sup", { class: "cites" });
    sup.appendChild(document.createTextNode("["));
    ids.forEach(function (id, i) {
      if (i) sup.appendChild(document.createTextNode(", "));
      var c = ctx.citations[id];
      if (c) {
        var a = el("a", {
          href: sourceUrl(c.source, c.lines[0], c.lines[1]),
          class: "cite",
          "data-cite": id,
          "aria-label": t("source") + " " + id + ": " + c.source + ", " + lineLabel(c.lines),
          text: id,
        });
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          openSource(c, a);
        });
        sup.appendChild(a);
      } else sup.appendChild(document.createTextNode(id));
    });
    sup.appendChild(document.createTextNode("]"));
    parent.appendChild(sup);
  }

  function lineLabel(lines) {
    return lines[0] === lines[1]
      ? t("line") + " " + lines[0]
      : t("lines") + " " + lines[0] + "–" + lines[1];
  }

  function markdown(text, ctx) {
    var root = el("div", { class: "md" });
    var lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
    var para = null;
    var list = null;
    function endPara() {
      para = null;
    }
    function endList() {
      list = null;
    }
    lines.forEach(function (line) {
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      var numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
      var heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
      if (!line.trim()) {
        endPara();
        endList();
      } else if (bullet || numbered) {
        endPara();
        var kind = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== kind) {
          list = el(kind);
          if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
          root.appendChild(list);
        }
        var li = el("li");
        inline(bullet ? bullet[1] : numbered[2], ctx, li);
        list.appendChild(li);
      } else if (heading) {
        endPara();
        endList();
        var p = el("p", { class: "heading" });
        var strong = el("strong");
        inline(heading[1], ctx, strong);
        p.appendChild(strong);
        root.appendChild(p);
      } else if (list && /^\s{2,}\S/.test(line)) {
        // continuation of a list item
        var item = list.lastChild;
        item.appendChild(el("br"));
        inline(line.trim(), ctx, item);
      } else {
        endList();
        if (!para) {
          para = el("p");
          root.appendChild(para);
        } else para.appendChild(el("br"));
        inline(line, ctx, para);
      }
    });
    return root;
  }

  // --- the shell ------------------------------------------------------------------------------------

  var CSS =
    ":host{all:initial;}" +
    "*{box-sizing:border-box;}" +
    ".root{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1b;}" +
    ".launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;align-items:center;gap:8px;" +
    "border:0;border-radius:999px;padding:12px 18px;background:#1f4e8c;color:#fff;font-weight:600;font-size:15px;line-height:1.2;" +
    "font-family:inherit;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);max-width:calc(100vw - 32px);}" +
    ".launcher:hover{background:#173d6e;}" +
    ".launcher svg{flex:none;}" +
    "button:focus-visible,a:focus-visible,textarea:focus-visible{outline:3px solid #f5b400;outline-offset:2px;}" +
    ".panel{position:fixed;right:16px;bottom:80px;z-index:2147483001;width:400px;max-width:calc(100vw - 32px);" +
    "height:620px;max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:#fff;" +
    "border-radius:12px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;}" +
    ".panel[hidden]{display:none;}" +
    "header{display:flex;align-items:center;gap:8px;padding:10px 12px;background:#1f4e8c;color:#fff;}" +
    "header .titles{flex:1;min-width:0;}" +
    "h2{margin:0;font-size:16px;line-height:1.2;font-weight:700;}" +
    ".sub{font-size:12px;opacity:.85;}" +
    ".icon{border:0;background:transparent;color:#fff;font:inherit;font-size:13px;cursor:pointer;border-radius:6px;" +
    "padding:6px 8px;min-width:36px;min-height:36px;}" +
    ".icon:hover{background:rgba(255,255,255,.15);}" +
    ".log{flex:1;overflow-y:auto;overflow-x:hidden;padding:12px;background:#f4f6f9;}" +
    ".msg{margin:0 0 12px;max-width:100%;overflow-wrap:anywhere;}" +
    ".msg .who{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}" +
    ".user{margin-left:auto;width:fit-content;max-width:85%;background:#1f4e8c;color:#fff;padding:8px 12px;" +
    "border-radius:12px 12px 2px 12px;white-space:pre-wrap;}" +
    ".bot{background:#fff;border:1px solid #dde3ea;padding:8px 12px;border-radius:12px 12px 12px 2px;}" +
    ".error{background:#fff4f4;border:1px solid #e5a5a5;color:#8a1c1c;padding:8px 12px;border-radius:8px;}" +
    ".note{color:#4a5563;font-size:13px;}" +
    ".md p{margin:0 0 6px;}.md p:last-child{margin-bottom:0;}" +
    ".md ul,.md ol{margin:4px 0 6px;padding-left:22px;}" +
    ".md code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;background:#eef1f5;padding:0 3px;border-radius:3px;}" +
    "a{color:#1f4e8c;}" +
    "sup.cites{font-size:11px;line-height:0;}" +
    "a.cite{font-weight:700;text-decoration:none;padding:0 2px;}" +
    "a.cite:hover{text-decoration:underline;}" +
    ".thinking{color:#4a5563;font-style:italic;}" +
    ".citations{margin:8px 0 0;padding:6px 0 0;border-top:1px solid #e4e8ee;font-size:12px;color:#4a5563;}" +
    ".citations ol{margin:2px 0 0;padding-left:20px;}" +
    ".citations button{all:unset;cursor:pointer;color:#1f4e8c;text-decoration:underline;overflow-wrap:anywhere;}" +
    ".tablewrap{margin-top:8px;overflow-x:auto;max-width:100%;border:1px solid #e4e8ee;border-radius:6px;}" +
    ".views{display:flex;gap:6px;align-items:center;margin-top:6px;font-size:12px;}.views button[aria-selected=true]{font-weight:600;text-decoration:underline;}" +
    ".mapframe{width:100%;height:340px;border:1px solid #e4e8ee;border-radius:6px;margin-top:8px;}" +
    "table{border-collapse:collapse;font-size:12px;width:max-content;min-width:100%;}" +
    "caption{text-align:left;font-size:12px;color:#4a5563;padding:4px 6px;}" +
    "th,td{padding:4px 6px;border-bottom:1px solid #eef1f5;text-align:left;vertical-align:top;}" +
    "th{background:#f0f3f7;font-weight:600;white-space:nowrap;}" +
    "td{white-space:nowrap;}" +
    "td.long{white-space:normal;min-width:12em;max-width:18em;overflow-wrap:anywhere;}" +
    ".linkbtn{all:unset;cursor:pointer;color:#1f4e8c;text-decoration:underline;}" +
    ".more{margin-top:6px;border:1px solid #1f4e8c;background:#fff;color:#1f4e8c;border-radius:6px;padding:4px 10px;" +
    "font:inherit;font-size:13px;cursor:pointer;}" +
    ".options{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;}" +
    ".options button{border:1px solid #1f4e8c;background:#fff;color:#1f4e8c;border-radius:999px;padding:4px 10px;" +
    "font:inherit;font-size:13px;cursor:pointer;max-width:100%;overflow-wrap:anywhere;}" +
    ".feedback{display:flex;align-items:center;gap:4px;margin-top:8px;}" +
    ".feedback button{border:1px solid #ccd3dc;background:#fff;border-radius:6px;font:inherit;font-size:16px;line-height:1;" +
    "padding:4px 8px;cursor:pointer;min-width:36px;min-height:32px;}" +
    ".feedback button{color:#4a5563;display:inline-flex;align-items:center;justify-content:center;}" +
    ".feedback button[aria-pressed=true]{background:#e3ecf8;border-color:#1f4e8c;color:#1f4e8c;}" +
    ".feedback svg.down{transform:rotate(180deg);}" +
    ".feedback button:disabled{cursor:default;}" +
    ".feedback .note{margin-left:6px;}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #dde3ea;background:#fff;}" +
    "textarea{flex:1;min-width:0;resize:none;font:inherit;padding:8px 10px;border:1px solid #9aa6b4;border-radius:8px;" +
    "min-height:42px;max-height:120px;color:#1b1b1b;background:#fff;}" +
    ".send{border:0;border-radius:8px;background:#1f4e8c;color:#fff;font:inherit;font-weight:600;padding:0 14px;cursor:pointer;}" +
    ".send:disabled{background:#8ba2c2;cursor:wait;}" +
    ".viewer{position:absolute;inset:0;background:#fff;display:flex;flex-direction:column;z-index:2;}" +
    ".viewer[hidden]{display:none;}" +
    ".viewer .vhead{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid #dde3ea;}" +
    ".viewer h3{margin:0;font-size:14px;flex:1;min-width:0;overflow-wrap:anywhere;}" +
    ".viewer .back{border:1px solid #1f4e8c;background:#fff;color:#1f4e8c;border-radius:6px;padding:4px 10px;font:inherit;" +
    "font-size:13px;cursor:pointer;}" +
    ".viewer .vbody{flex:1;overflow:auto;padding:8px 0;font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;}" +
    ".srcline{display:flex;gap:8px;padding:0 12px;}" +
    ".srcline .n{flex:none;width:3.5em;text-align:right;color:#6b7686;user-select:none;}" +
    ".srcline .tx{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0;}" +
    ".srcline mark{display:block;background:transparent;color:inherit;}" +
    ".srcline.cited{background:#fff3c4;}" +
    ".body{position:relative;flex:1;display:flex;flex-direction:column;min-height:0;}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}" +
    "@media (max-width:480px){.panel{right:0;left:0;bottom:0;top:0;width:auto;max-width:none;height:auto;max-height:none;" +
    "border-radius:0;}.launcher.is-open{display:none;}}" +
    "@media (prefers-reduced-motion:no-preference){.panel{transition:opacity .15s;}}";

  var host = el("div", { id: "zmp-twinning-assistant" });
  var shadow = host.attachShadow({ mode: "open" });
  // A constructed stylesheet is not inline style: it works under a strict Content-Security-Policy
  // (style-src 'self'), on the demo page as on a host page; older browsers get a <style>.
  if (window.CSSStyleSheet && "adoptedStyleSheets" in shadow) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    var style = el("style");
    style.textContent = CSS;
    shadow.appendChild(style);
  }

  var ui = {};
  var root = el("div", { class: "root" });
  shadow.appendChild(root);

  var CHAT_ICON =
    '<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

  var THUMB_ICON =
    '<svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.4-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>';

  // Icons are constant, trusted markup written above; answer text never goes through here.
  function icon(svg, className) {
    var holder = document.createElement("span");
    holder.innerHTML = svg;
    var node = holder.firstChild;
    if (className) node.setAttribute("class", className);
    return node;
  }

  function build() {
    ui.launcherText = el("span");
    ui.launcher = el("button", {
      type: "button",
      class: "launcher",
      "aria-expanded": "false",
      "aria-controls": "zmp-panel",
      onclick: function () {
        setOpen(!state.open);
      },
    });
    ui.launcher.appendChild(icon(CHAT_ICON));
    ui.launcher.appendChild(ui.launcherText);

    ui.title = el("h2", { id: "zmp-title" });
    ui.subtitle = el("div", { class: "sub" });
    ui.reset = el("button", {
      type: "button",
      class: "icon",
      onclick: function () {
        resetConversation();
      },
    });
    ui.close = el("button", {
      type: "button",
      class: "icon",
      text: "✕",
      onclick: function () {
        setOpen(false);
      },
    });
    var header = el("header", null, [
      el("div", { class: "titles" }, [ui.title, ui.subtitle]),
      ui.reset,
      ui.close,
    ]);

    ui.log = el("div", {
      class: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      tabindex: "0",
    });

    ui.inputLabel = el("label", { for: "zmp-input", class: "sr" });
    ui.input = el("textarea", { id: "zmp-input", rows: "1", maxlength: String(MAX_CHARS) });
    ui.input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        submit();
      }
    });
    ui.input.addEventListener("input", autosize);
    ui.send = el("button", { type: "submit", class: "send" });
    ui.form = el("form", null, [ui.inputLabel, ui.input, ui.send]);
    ui.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      submit();
    });

    ui.viewerTitle = el("h3", { id: "zmp-viewer-title", tabindex: "-1" });
    ui.viewerBack = el("button", {
      type: "button",
      class: "back",
      onclick: function () {
        closeSource();
      },
    });
    ui.viewerBody = el("div", { class: "vbody" });
    ui.viewer = el(
      "section",
      { class: "viewer", hidden: true, "aria-labelledby": "zmp-viewer-title" },
      [el("div", { class: "vhead" }, [ui.viewerTitle, ui.viewerBack]), ui.viewerBody]
    );

    ui.panel = el(
      "div",
      { id: "zmp-panel", class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "zmp-title", hidden: true },
      [header, el("div", { class: "body" }, [ui.log, ui.form, ui.viewer])]
    );
    ui.panel.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        ev.preventDefault();
        if (!ui.viewer.hidden) closeSource();
        else setOpen(false);
      }
    });
    root.appendChild(ui.panel);
    root.appendChild(ui.launcher);
  }

  function applyStrings() {
    root.setAttribute("lang", lang());
    ui.launcherText.textContent = t("launcher");
    ui.title.textContent = t("title");
    ui.subtitle.textContent = t("subtitle");
    ui.reset.textContent = "↺";
    ui.reset.setAttribute("aria-label", t("reset"));
    ui.reset.setAttribute("title", t("reset"));
    ui.close.setAttribute("aria-label", t("close"));
    ui.close.setAttribute("title", t("close"));
    ui.log.setAttribute("aria-label", t("log"));
    ui.inputLabel.textContent = t("input");
    ui.input.setAttribute("placeholder", t("placeholder"));
    ui.send.textContent = t("send");
    ui.viewerBack.textContent = t("back");
  }

  function autosize() {
    ui.input.style.height = "auto";
    ui.input.style.height = Math.min(ui.input.scrollHeight + 2, 120) + "px";
  }

  function setOpen(open) {
    state.open = open;
    save();
    ui.panel.hidden = !open;
    ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    ui.launcher.classList.toggle("is-open", open);
    if (open) {
      scrollToEnd();
      ui.input.focus();
    } else {
      closeSource(true);
      ui.launcher.focus();
    }
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // --- messages ------------------------------------------------------------------------------------

  function renderAll() {
    ui.log.textContent = "";
    ui.log.appendChild(el("div", { class: "msg note", text: t("welcome") }));
    var turn = 0;
    state.messages.forEach(function (m) {
      if (m.role === "user") ui.log.appendChild(userNode(m.text));
      else if (m.role === "assistant") {
        turn += 1;
        ui.log.appendChild(answerNode(m, turn));
      } else if (m.role === "error") ui.log.appendChild(errorNode(m.text));
    });
  }

  function userNode(text) {
    return el("div", { class: "msg user" }, [el("span", { class: "who", text: t("you") + ": " }), text]);
  }

  function errorNode(text) {
    return el("div", { class: "msg error", role: "alert", text: text });
  }

  function citationIndex(answer) {
    var byId = {};
    (answer.citations || []).forEach(function (c) {
      byId[String(c.id)] = c;
    });
    return byId;
  }

  function answerNode(m, turn) {
    var answer = m.answer;
    var ctx = { citations: citationIndex(answer) };
    var node = el("div", { class: "msg bot", "data-turn": String(turn), lang: answer.language || null });
    node.appendChild(el("span", { class: "who", text: t("assistant") + ": " }));
    node.appendChild(markdown(answer.answer, ctx));
    if (answer.route === "clarify" && answer.data && answer.data.columns[0] === "option") {
      node.appendChild(optionsNode(answer.data));
    } else if (answer.data && answer.data.columns && answer.data.columns.length) {
      node.appendChild(tableNode(answer.data, m.rowsTrimmed));
      node.appendChild(viewsNode(answer, turn, node.lastChild));
    }
    if (answer.citations && answer.citations.length) node.appendChild(citationsNode(answer.citations));
    node.appendChild(feedbackNode(m, turn));
    return node;
  }

  function optionsNode(data) {
    var box = el("div", { class: "options", role: "group", "aria-label": t("choose") });
    data.rows.forEach(function (row) {
      var label = String(row[0]);
      var extra = row.length > 2 && row[2] !== null ? " (" + row[2] + ")" : "";
      box.appendChild(
        el("button", {
          type: "button",
          text: label + extra,
          onclick: function () {
            ask(label);
          },
        })
      );
    });
    return box;
  }

  function cellText(v) {
    return v === null || v === undefined ? "" : String(v);
  }

  function tableNode(data, trimmed) {
    var cols = data.columns;
    var names = STRINGS[lang()].columns;
    var sourceCol = cols.indexOf("source");
    var lineCol = cols.indexOf("line");
    var total = typeof data.total === "number" ? data.total : data.rows.length;
    var wrap = el("div");
    var scroller = el("div", { class: "tablewrap", tabindex: "0", role: "region", "aria-label": t("table") });
    var table = el("table");
    var caption = el("caption");
    var thead = el("thead", null, [
      el(
        "tr",
        null,
        cols.map(function (c) {
          return el("th", { scope: "col", text: names[c] || c });
        })
      ),
    ]);
    var tbody = el("tbody");
    table.appendChild(caption);
    table.appendChild(thead);
    table.appendChild(tbody);
    scroller.appendChild(table);
    wrap.appendChild(scroller);
    var expanded = false;
    var more = null;

    function fill() {
      tbody.textContent = "";
      var rows = expanded ? data.rows : data.rows.slice(0, FIRST_ROWS);
      rows.forEach(function (row) {
        var tr = el("tr");
        row.forEach(function (v, i) {
          var td = el("td");
          if (i === lineCol && sourceCol >= 0 && row[sourceCol] && v) {
            var n = parseInt(v, 10);
            var c = { id: null, source: row[sourceCol], lines: [n, n], quote: "" };
            var b = el("button", {
              type: "button",
              class: "linkbtn",
              text: cellText(v),
              "aria-label": t("source") + ": " + row[sourceCol] + ", " + t("line") + " " + n,
            });
            b.addEventListener("click", function () {
              openSource(c, b);
            });
            td.appendChild(b);
          } else if (i === sourceCol && v) {
            // The file name is enough to read; the full corpus path stays in the tooltip.
            td.textContent = String(v).split("/").pop();
            td.title = String(v);
          } else {
            td.textContent = cellText(v);
            if (td.textContent.length > 28) td.className = "long";
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      caption.textContent = t("rowsOf")(rows.length, total);
      if (more) more.textContent = expanded ? t("showFewer") : t("showAll")(total);
    }
    if (data.rows.length > FIRST_ROWS) {
      more = el("button", {
        type: "button",
        class: "more",
        onclick: function () {
          expanded = !expanded;
          fill();
        },
      });
      wrap.appendChild(more);
    }
    if (trimmed) wrap.appendChild(el("div", { class: "note", text: t("rowsLost") }));
    fill();
    return wrap;
  }

  // Table / Map toggle and the CSV download of one answer's data (GET /map, /api/export).
  function viewsNode(answer, turn, tableWrap) {
    var id = answer.conversation_id || state.conversationId;
    var bar = el("div", { class: "views", role: "tablist", "aria-label": t("table") });
    if (!id) return bar;
    var cols = answer.data.columns;
    var frame = null;
    var tableBtn = el("button", { type: "button", role: "tab", class: "linkbtn view-table", "aria-selected": "true", text: t("tableView") });
    var mapBtn = el("button", { type: "button", role: "tab", class: "linkbtn view-map", "aria-selected": "false", text: t("mapView") });
    function show(map) {
      tableBtn.setAttribute("aria-selected", String(!map));
      mapBtn.setAttribute("aria-selected", String(map));
      tableWrap.hidden = map;
      if (map && !frame) {
        var q = "?conversation_id=" + encodeURIComponent(id) + "&turn=" + turn + "&lang=" + lang();
        frame = el("iframe", { class: "mapframe", src: api("map" + q), title: t("mapTitle") });
        bar.parentNode.insertBefore(frame, bar.nextSibling);
      }
      if (frame) frame.hidden = !map;
    }
    tableBtn.addEventListener("click", function () { show(false); });
    mapBtn.addEventListener("click", function () { show(true); });
    if (cols.indexOf("source") >= 0 && cols.indexOf("line") >= 0) {
      bar.appendChild(tableBtn);
      bar.appendChild(mapBtn);
    }
    bar.appendChild(link(api("api/export/" + encodeURIComponent(id) + "/" + turn + ".csv"), t("csv")));
    return bar;
  }

  function citationsNode(citations) {
    var list = el("ol");
    citations.forEach(function (c) {
      var b = el("button", {
        type: "button",
        text: c.source.replace(/^corpus\//, "") + ", " + lineLabel(c.lines),
      });
      b.addEventListener("click", function () {
        openSource(c, b);
      });
      list.appendChild(el("li", { value: String(c.id) }, [b]));
    });
    return el("div", { class: "citations" }, [el("span", { text: t("sources") + ":" }), list]);
  }

  function feedbackNode(m, turn) {
    var box = el("div", { class: "feedback" });
    var note = el("span", { class: "note", role: "status" });
    function button(rating) {
      var b = el("button", {
        type: "button",
        "aria-label": t(rating),
        title: t(rating),
        "aria-pressed": m.rating === rating ? "true" : "false",
        "data-rating": rating,
      });
      b.appendChild(icon(THUMB_ICON, rating === "down" ? "down" : null));
      if (m.rating) b.disabled = true;
      b.addEventListener("click", function () {
        sendFeedback(m, turn, rating, box, note);
      });
      return b;
    }
    box.appendChild(button("up"));
    box.appendChild(button("down"));
    box.appendChild(note);
    if (m.rating) note.textContent = t("thanks");
    return box;
  }

  function sendFeedback(m, turn, rating, box, note) {
    var buttons = box.querySelectorAll("button");
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    fetch(api("api/feedback"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        conversation_id: m.answer.conversation_id,
        turn: turn,
        rating: rating,
        comment: null,
      }),
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        m.rating = rating;
        save();
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", b.getAttribute("data-rating") === rating ? "true" : "false");
        });
        note.textContent = t("thanks");
      })
      .catch(function () {
        buttons.forEach(function (b) {
          b.disabled = false;
        });
        note.textContent = t("feedbackFailed");
      });
  }

  // --- the source viewer -----------------------------------------------------------------------------

  var viewerOpener = null;

  function openSource(c, opener) {
    viewerOpener = opener || null;
    var a = c.lines[0];
    var b = c.lines[1];
    var from = Math.max(1, a - 2);
    ui.viewerTitle.textContent = t("source") + ": " + c.source + " (" + lineLabel(c.lines) + ")";
    ui.viewerBody.textContent = "";
    ui.viewerBody.appendChild(el("div", { class: "srcline note", text: t("loading") }));
    ui.viewer.hidden = false;
    ui.viewerTitle.focus();
    fetch(sourceUrl(c.source, from, b + 2))
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body && body.detail ? body.detail : String(res.status));
          return body;
        });
      })
      .then(function (body) {
        ui.viewerBody.textContent = "";
        var first = null;
        body.text.forEach(function (row) {
          var cited = row.line >= a && row.line <= b;
          var line = el("div", { class: "srcline" + (cited ? " cited" : ""), "data-line": String(row.line) }, [
            el("span", { class: "n", text: String(row.line) }),
            el(cited ? "mark" : "span", { class: "tx", text: row.text.replace(/\t/g, "  →  ") || " " }),
          ]);
          if (cited && !first) first = line;
          ui.viewerBody.appendChild(line);
        });
        if (first) first.scrollIntoView({ block: "center" });
      })
      .catch(function (err) {
        ui.viewerBody.textContent = "";
        ui.viewerBody.appendChild(
          el("div", { class: "srcline error", role: "alert", text: t("sourceFailed") + " " + err.message })
        );
        if (c.quote) ui.viewerBody.appendChild(el("div", { class: "srcline tx", text: c.quote }));
      });
  }

  function closeSource(silent) {
    if (ui.viewer.hidden) return;
    ui.viewer.hidden = true;
    if (!silent && viewerOpener && viewerOpener.isConnected) viewerOpener.focus();
    viewerOpener = null;
  }

  // --- asking ------------------------------------------------------------------------------------------

  var busy = false;

  function submit() {
    var text = ui.input.value.trim();
    if (!text || busy) return;
    ask(text);
  }

  function resetConversation() {
    state.conversationId = null;
    state.messages = [];
    save();
    renderAll();
    ui.input.focus();
  }

  function sseParser(onEvent) {
    var buffer = "";
    var data = [];
    var type = "";
    function line(l) {
      if (l === "") {
        if (data.length) onEvent(type || "message", data.join("\n"));
        data = [];
        type = "";
        return;
      }
      if (l.charAt(0) === ":") return;
      var i = l.indexOf(":");
      var field = i < 0 ? l : l.slice(0, i);
      var value = i < 0 ? "" : l.slice(i + 1);
      if (value.charAt(0) === " ") value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") type = value;
    }
    return function (chunk, end) {
      buffer += chunk;
      var re = /\r\n|\r|\n/g;
      var start = 0;
      var m;
      while ((m = re.exec(buffer))) {
        // A lone \r at the very end may be the first half of a \r\n.
        if (m[0] === "\r" && m.index === buffer.length - 1 && !end) break;
        line(buffer.slice(start, m.index));
        start = re.lastIndex;
      }
      buffer = buffer.slice(start);
      if (end) {
        if (buffer) line(buffer);
        line("");
        buffer = "";
      }
    };
  }

  function ask(text) {
    if (busy) return;
    if (text.length > MAX_CHARS) {
      ui.log.appendChild(errorNode(t("tooLong")));
      scrollToEnd();
      return;
    }
    busy = true;
    ui.send.disabled = true;
    ui.input.value = "";
    autosize();
    state.messages.push({ role: "user", text: text });
    save();
    ui.log.appendChild(userNode(text));

    var live = el("div", { class: "msg bot", "aria-busy": "true" }, [
      el("span", { class: "who", text: t("assistant") + ": " }),
    ]);
    var body = el("div", { class: "thinking", text: t("thinking") });
    live.appendChild(body);
    ui.log.appendChild(live);
    scrollToEnd();

    var streamed = "";
    var final = null;
    var parse = sseParser(function (type, data) {
      if (type === "delta") {
        streamed += data;
        var rendered = markdown(streamed, { citations: {} });
        live.replaceChild(rendered, body);
        body = rendered;
        scrollToEnd();
      } else if (type === "done") {
        final = JSON.parse(data);
      } else if (type === "error") {
        throw new Error(data);
      }
    });

    function finish(errorText) {
      busy = false;
      ui.send.disabled = false;
      if (live.parentNode) live.parentNode.removeChild(live);
      if (final) {
        state.conversationId = final.conversation_id;
        var m = { role: "assistant", answer: final, rating: null };
        state.messages.push(m);
        ui.log.appendChild(answerNode(m, answerCount()));
      } else {
        var msg = errorText || t("interrupted");
        state.messages.push({ role: "error", text: msg });
        ui.log.appendChild(errorNode(msg));
      }
      save();
      scrollToEnd();
      if (state.open) ui.input.focus();
    }

    fetch(api("api/chat/stream"), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ message: text, conversation_id: state.conversationId }),
    })
      .then(function (res) {
        if (!res.ok) {
          return res
            .json()
            .catch(function () {
              return {};
            })
            .then(function (b) {
              if (res.status === 404 && state.conversationId && /conversation/i.test(b.detail || "")) {
                // The server forgot this conversation (a new data dir): start a fresh one next time.
                state.conversationId = null;
              }
              finish(typeof b.detail === "string" ? b.detail : t("networkError"));
            });
        }
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) {
              parse(decoder.decode(), true);
              finish();
              return;
            }
            parse(decoder.decode(r.value, { stream: true }), false);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        finish(t("networkError"));
      });
  }

  // --- start ---------------------------------------------------------------------------------------------

  function start() {
    build();
    applyStrings();
    renderAll();
    document.body.appendChild(host);
    if (state.open) {
      ui.panel.hidden = false;
      ui.launcher.setAttribute("aria-expanded", "true");
      ui.launcher.classList.add("is-open");
      scrollToEnd();
    }
    new MutationObserver(function () {
      applyStrings();
      renderAll();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
