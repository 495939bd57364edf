import AdscanModel

/// A self-contained review page (no network): summary, bar chart of categories, findings per law
/// article, ad classes seen, then every flagged record with its findings highlighted in place,
/// filterable by category and severity, 50 records a page. Records are written as data lines as
/// they are scanned and rendered by the page itself, so 10,000 flagged records stay usable.
public struct HTMLReporter: Reporter {
    public let options: ReportOptions
    public var wantsText: Bool { true }
    /// Longer texts are shown as excerpts around the findings.
    static let fullTextLimit = 3000
    static let excerptRadius = 150

    public init(options: ReportOptions) {
        self.options = options
    }

    /// JSON string safe inside <script>: "</" cannot close the element.
    static func js(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(s, to: &out)
        var r: [UInt8] = []
        r.reserveCapacity(out.count)
        for (i, b) in out.enumerated() {
            if b == 0x2F && i > 0 && out[i - 1] == 0x3C { r.append(0x5C) }
            r.append(b)
        }
        return String(decoding: r, as: UTF8.self)
    }

    public func begin(into out: inout [UInt8]) {
        out += Array(Self.head.utf8)
        var rules = "const RULES={"
        rules += options.rules.map { r in
            "\(Self.js(r.id)):{law:\(Self.js(r.law)),text:\(Self.js(r.lawText ?? "")),cat:\(Self.js(r.category.rawValue))}"
        }.joined(separator: ",")
        rules += "};\nconst R=[];\n"
        out += Array(rules.utf8)
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8]) {
        let shown = r.findings.filter { $0.suppressedBy == nil || options.explain }
        guard !shown.isEmpty else { return }
        let scalars = Array((text ?? "").unicodeScalars)
        // excerpts: keep windows around findings, remap offsets
        var keep: [Range<Int>] = []
        if scalars.count <= Self.fullTextLimit {
            keep = [0..<scalars.count]
        } else {
            for f in shown.sorted(by: { $0.charStart < $1.charStart }) {
                let w = max(0, f.charStart - Self.excerptRadius)..<min(scalars.count, f.charEnd + Self.excerptRadius)
                if let last = keep.last, w.lowerBound <= last.upperBound {
                    keep[keep.count - 1] = last.lowerBound..<max(last.upperBound, w.upperBound)
                } else {
                    keep.append(w)
                }
            }
        }
        var excerpt = String.UnicodeScalarView()
        var starts: [(orig: Int, shown: Int)] = []
        for (n, w) in keep.enumerated() {
            if n > 0 || w.lowerBound > 0 { excerpt.append(contentsOf: " … ".unicodeScalars) }
            starts.append((w.lowerBound, excerpt.count))
            excerpt.append(contentsOf: scalars[w])
        }
        func map(_ c: Int) -> Int {
            for (n, w) in keep.enumerated() where w.contains(c) || c == w.upperBound { return starts[n].shown + c - w.lowerBound }
            return 0
        }
        var s = "R.push({i:\(Self.js(r.origin.id)),s:\(Self.js(r.origin.source)),l:\(r.origin.line),v:\(Self.js(r.verdict.rawValue)),"
        s += "c:[\(r.adClasses.map(Self.js).joined(separator: ","))],t:\(Self.js(String(excerpt))),"
        // the document genre: id, confidence, strongest evidence, mention mass
        if let g = r.genre {
            s += "g:[\(Self.js(g.id)),\(Double((g.confidence * 100).rounded()) / 100),\(Self.js(g.evidence.joined(separator: ", "))),\(Double((g.mention * 100).rounded()) / 100)],"
        } else {
            s += "g:null,"
        }
        s += "f:["
        s += shown.map { f in
            "[\(map(f.charStart)),\(map(f.charEnd)),\(Self.js(f.ruleID)),\(Self.js(f.severity.rawValue)),\(Self.js(f.category.rawValue)),"
                + "\(Self.js(f.law)),\(Self.js(f.message)),\(Self.js(f.via.joined(separator: "+"))),\(Self.js(f.suppressedBy ?? "")),\(Self.js(f.match)),"
                // the text of the provision this finding cites (per ad class)
                + "\(Self.js(f.lawText ?? "")),"
                // why an error was lowered to a warning (the document's genre), as in the other formats
                + "\(Self.js(f.downgradedBy ?? ""))]"
        }.joined(separator: ",")
        s += "]});\n"
        out += Array(s.utf8)
    }

    public func finish(_ s: ScanSummary, into out: inout [UInt8]) {
        let summary = "const S={records:\(s.records),errors:\(s.recordErrors),bytes:\(s.bytes),flagged:\(s.flaggedRecords),"
            + "findings:\(s.findings),suppressed:\(s.suppressedFindings),elapsed:\(s.elapsedSeconds)};\n"
        out += Array((summary + "</script>\n<script>\n" + Self.script + "\n</script>\n</body>\n</html>\n").utf8)
    }

    static let head = """
    <!doctype html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>adscan 广告合规审查报告</title>
    <style>
    :root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--bg:#f6f7f9;--card:#fff;--line:#e3e6ea;--mut:#667}
    *{box-sizing:border-box}body{margin:0;font:14px/1.6 -apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:var(--bg);color:#1d2330}
    header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px}header .sub{color:#aab;font-size:13px}
    main{max-width:1200px;margin:0 auto;padding:18px 28px}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:18px}
    .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
    .card b{display:block;font-size:22px}.card span{color:var(--mut);font-size:12px}
    .grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px;margin-bottom:18px}
    .panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px}
    .panel h2{font-size:15px;margin:0 0 10px}
    .bar{display:flex;align-items:center;gap:8px;margin:4px 0;font-size:13px}
    .bar .lbl{width:170px;flex:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    .bar .fill{height:14px;background:#5c6bc0;border-radius:3px}.bar .n{color:var(--mut)}
    table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left}
    .controls{position:sticky;top:0;background:var(--bg);padding:10px 0;display:flex;gap:10px;flex-wrap:wrap;align-items:center;z-index:2}
    select,input{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
    button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
    .rec{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:10px 0;padding:12px 14px}
    .rec .meta{font-size:12px;color:var(--mut);display:flex;gap:10px;flex-wrap:wrap;margin-bottom:6px}
    .badge{padding:0 6px;border-radius:4px;color:#fff;font-size:12px}.b-violation{background:var(--err)}.b-review{background:var(--warn)}.b-clean{background:#888}
    .text{white-space:pre-wrap;word-break:break-all;background:#fafbfc;border-radius:6px;padding:8px 10px;max-height:360px;overflow:auto}
    mark{cursor:pointer;border-radius:3px;padding:0 1px}mark.error{background:#ffcdd2;border-bottom:2px solid var(--err)}
    mark.warning{background:#ffe0b2;border-bottom:2px solid var(--warn)}mark.info{background:#bbdefb;border-bottom:2px solid var(--info)}
    mark.supp{background:#eee;border-bottom:2px dashed #999}
    .fl{margin:8px 0 0;padding:0;list-style:none;font-size:13px}.fl li{padding:4px 0;border-top:1px dashed var(--line)}
    .sev{font-weight:600}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
    .law{color:var(--mut)}.hl{outline:2px solid #5c6bc0}
    </style>
    </head>
    <body>
    <header><h1>adscan 广告合规审查报告</h1><div class="sub" id="sub"></div></header>
    <main>
    <div class="cards" id="cards"></div>
    <div class="grid2"><div class="panel"><h2>按违法类别</h2><div id="cats"></div></div>
    <div class="panel"><h2>按法律条款</h2><div id="laws"></div><h2 style="margin-top:14px">广告类别</h2><div id="classes"></div><h2 style="margin-top:14px">文档体裁</h2><div id="genres"></div></div></div>
    <div class="controls">类别 <select id="fcat"><option value="">全部</option></select>
    严重程度 <select id="fsev"><option value="">全部</option><option>error</option><option>warning</option><option>info</option></select>
    <input id="fq" placeholder="搜索文本、规则或来源" size="24">
    <button id="prev">上一页</button><span id="page"></span><button id="next">下一页</button></div>
    <div id="list"></div>
    </main>
    <script>

    """

    static let script = """
    const esc=s=>s.replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
    const PER=50;let page=0,view=R;
    function count(key){const m=new Map();for(const r of R)for(const f of r.f){if(f[8])continue;const k=key(f,r);m.set(k,(m.get(k)||0)+1)}return [...m].sort((a,b)=>b[1]-a[1])}
    function bars(el,rows){const max=Math.max(1,...rows.map(r=>r[1]));document.getElementById(el).innerHTML=rows.map(([k,n])=>`<div class="bar"><span class="lbl" title="${esc(k)}">${esc(k)}</span><span class="fill" style="width:${Math.round(n/max*220)}px"></span><span class="n">${n}</span></div>`).join('')||'<i>无</i>'}
    function summary(){
      document.getElementById('sub').textContent=`扫描 ${S.records} 条记录（${(S.bytes/1e6).toFixed(2)} MB），用时 ${S.elapsed.toFixed(2)} 秒`;
      const cards=[['扫描记录',S.records],['问题记录',S.flagged],['发现',S.findings],['语境排除',S.suppressed],['输入错误',S.errors]];
      document.getElementById('cards').innerHTML=cards.map(([k,v])=>`<div class="card"><b>${v}</b><span>${k}</span></div>`).join('');
      const cats=count(f=>f[4]);bars('cats',cats);
      document.getElementById('laws').innerHTML='<table><tr><th>条款</th><th>发现</th></tr>'+count(f=>f[5]).map(([k,n])=>`<tr><td>${esc(k)}</td><td>${n}</td></tr>`).join('')+'</table>';
      const cls=new Map();for(const r of R)for(const c of r.c)cls.set(c,(cls.get(c)||0)+1);
      document.getElementById('classes').innerHTML=[...cls].sort((a,b)=>b[1]-a[1]).map(([k,n])=>`<span class="badge" style="background:#5c6bc0;margin-right:6px">${esc(k)} ${n}</span>`).join('')||'<i>无</i>';
      const gen=new Map();for(const r of R)if(r.g)gen.set(r.g[0],(gen.get(r.g[0])||0)+1);
      document.getElementById('genres').innerHTML=[...gen].sort((a,b)=>b[1]-a[1]).map(([k,n])=>`<span class="badge" style="background:#00897b;margin-right:6px">${esc(k)} ${n}</span>`).join('')||'<i>无</i>';
      const sel=document.getElementById('fcat');for(const [k] of cats){const o=document.createElement('option');o.textContent=k;sel.appendChild(o)}
    }
    function link(r){if(/^https?:\\/\\//.test(r.i))return `<a href="${esc(r.i)}" target="_blank" rel="noopener">${esc(r.i)}</a>`;
      if(r.s&&r.s!=='-')return `<a href="file://${esc(r.s)}">${esc(r.s)}</a>:${r.l} · ${esc(r.i)}`;return esc(r.i)}
    function marked(r,fs){const cps=Array.from(r.t);const spans=fs.filter(f=>f[1]>f[0]).sort((a,b)=>a[0]-b[0]||b[1]-a[1]);let out='',pos=0,end=-1,open=null;
      const groups=[];for(const f of spans){if(groups.length&&f[0]<groups[groups.length-1].e){const g=groups[groups.length-1];g.e=Math.max(g.e,f[1]);g.fs.push(f)}else groups.push({s:f[0],e:f[1],fs:[f]})}
      for(const g of groups){out+=esc(cps.slice(pos,g.s).join(''));const top=g.fs.find(f=>!f[8])||g.fs[0];const cls=top[8]?'supp':top[3];
        const title=g.fs.map(f=>`${f[2]} ${f[3]} · ${f[5]} · ${f[6]}${f[7]?' · via '+f[7]:''}${f[8]?' · 已排除: '+f[8]:''}`).join('\\n');
        out+=`<mark class="${cls}" title="${esc(title)}" data-f="${esc(g.fs.map(f=>f[2]).join(' '))}">${esc(cps.slice(g.s,g.e).join(''))}</mark>`;pos=g.e}
      return out+esc(cps.slice(pos).join(''))}
    function card(r,n){const fs=r.f;const items=fs.map(f=>`<li><span class="sev ${f[3]}">${f[3]}</span> <b>${esc(f[2])}</b> ${esc(f[4])} — ${esc(f[6])} «${esc(f[9])}»${f[7]?' <i>via '+esc(f[7])+'</i>':''}<br><span class="law">${esc(f[5])}${f[10]?'：'+esc(f[10]):(RULES[f[2]]&&RULES[f[2]].text?'：'+esc(RULES[f[2]].text):'')}</span>${f[8]?'<br><span class="law">已因语境排除：'+esc(f[8])+'</span>':''}${f[11]?'<br><span class="law">error 降为 warning：'+esc(f[11])+'</span>':''}</li>`).join('');
      const absent=fs.filter(f=>f[1]<=f[0]).map(f=>`<div class="law">⚠ ${esc(f[2])} ${esc(f[6])}</div>`).join('');
      return `<div class="rec"><div class="meta"><span>#${n+1}</span><span class="badge b-${r.v}">${r.v}</span>${r.c.map(c=>`<span>${esc(c)}</span>`).join('')}${r.g?`<span class="genre" title="${esc(r.g[2])}">体裁 ${esc(r.g[0])} ${r.g[1]}</span>`:''}<span>${link(r)}</span></div><div class="text">${marked(r,fs)}</div>${absent}<ul class="fl" hidden>${items}</ul></div>`}
    function apply(){const c=document.getElementById('fcat').value,s=document.getElementById('fsev').value,q=document.getElementById('fq').value.trim();
      view=R.filter(r=>r.f.some(f=>(!c||f[4]===c)&&(!s||f[3]===s))&&(!q||r.t.includes(q)||r.i.includes(q)||r.s.includes(q)||r.f.some(f=>f[2].includes(q))));page=0;show()}
    function show(){const pages=Math.max(1,Math.ceil(view.length/PER));page=Math.min(page,pages-1);
      document.getElementById('page').textContent=` 第 ${page+1}/${pages} 页，共 ${view.length} 条 `;
      document.getElementById('list').innerHTML=view.slice(page*PER,page*PER+PER).map((r,i)=>card(r,page*PER+i)).join('')||'<p>没有符合条件的记录。</p>'}
    document.getElementById('list').addEventListener('click',e=>{const m=e.target.closest('mark');if(!m)return;const ul=m.closest('.rec').querySelector('.fl');ul.hidden=!ul.hidden;m.classList.toggle('hl')});
    for(const id of ['fcat','fsev'])document.getElementById(id).addEventListener('change',apply);
    document.getElementById('fq').addEventListener('input',apply);
    document.getElementById('prev').onclick=()=>{page=Math.max(0,page-1);show()};
    document.getElementById('next').onclick=()=>{page++;show()};
    summary();show();
    """
}
