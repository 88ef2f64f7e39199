using System.Globalization;
using System.Net;
using System.Text;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Api;

/// <summary>
/// The printable statement (Chinese): for an enterprise, the "buy instead of donating" (以购代捐) certificate of its
/// certified poverty-alleviation purchases; for a budget unit, the detail of its certified purchases. All text from
/// the journal is HTML-encoded.
/// </summary>
public static class StatementPage
{
    public static string Render(PurchaseStatement statement, DateOnly from, DateOnly to, DateTimeOffset generatedAt)
    {
        var title = statement.Kind == BuyerKind.Enterprise ? "以购代捐·消费扶贫产品采购证明" : "消费扶贫产品采购明细";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(title)}} · {{E(statement.Name)}}</title>
            <style>
              body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2.5em auto; max-width: 48em; color: #222; }
              h1 { text-align: center; font-size: 1.6em; letter-spacing: .1em; }
              dl { display: grid; grid-template-columns: 7em 1fr; gap: .3em 1em; }
              dt { color: #555; }
              table { width: 100%; border-collapse: collapse; margin-top: 1.5em; }
              th, td { border: 1px solid #999; padding: .35em .6em; }
              th { background: #f0f0f0; }
              td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; }
              tfoot td { font-weight: bold; }
              .note { color: #555; font-size: .9em; margin-top: 1.5em; }
              .seal { margin-top: 3em; text-align: right; }
              @media print { body { margin: 0; max-width: none; } .no-print { display: none; } }
            </style>
            </head>
            <body>
            <p class="no-print"><button onclick="window.print()">打印</button></p>
            <h1>{{E(title)}}</h1>
            <dl>
              <dt>采购单位</dt><dd>{{E(statement.Name)}}</dd>
              <dt>账户编号</dt><dd>{{E(statement.BuyerId)}}</dd>
              <dt>统计期间</dt><dd>{{Date(from)}} 至 {{Date(to)}}</dd>
              <dt>认定产品金额</dt><dd>人民币 {{Yuan(statement.CertifiedFen)}} 元</dd>
            </dl>
            <table>
            <thead><tr><th>序号</th><th>日期</th><th>渠道</th><th>订单号／凭证号</th><th>经由工会</th><th class="amount">认定扶贫产品金额（元）</th></tr></thead>
            <tbody>

            """);
        var number = 0;
        foreach (var line in statement.Lines)
        {
            var at = line.At.ToOffset(QuotaCalendar.Offset);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{++number}</td><td>{at:yyyy-MM-dd}</td><td>{(line.Source == PurchaseSource.Showroom ? "展销中心订单" : "其他渠道采购")}</td>" +
                $"<td>{E(line.Reference)}</td><td>{E(line.ViaUnionId ?? "")}</td><td class=\"amount\">{Yuan(line.CertifiedFen)}</td></tr>\n");
        }
        if (number == 0) html.Append("<tr><td colspan=\"6\">本期间无认定扶贫产品采购记录。</td></tr>\n");
        html.Append(CultureInfo.InvariantCulture, $$"""
            </tbody>
            <tfoot><tr><td colspan="5">合计</td><td class="amount">{{Yuan(statement.CertifiedFen)}}</td></tr></tfoot>
            </table>
            <p class="note">仅统计经认定的扶贫产品；已退款的订单不计入。日期按北京时间。生成时间：{{generatedAt.ToOffset(QuotaCalendar.Offset):yyyy-MM-dd HH:mm}}。</p>
            <p class="seal">消费扶贫展销中心（盖章）<br>日期：　　　年　　月　　日</p>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static string Yuan(Fen amount) => (amount.Value / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
