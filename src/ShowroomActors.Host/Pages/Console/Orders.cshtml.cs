using ShowroomActors.Actors.Orders;
using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>The orders board: counts by status, and the orders a filter picks (status, channel, buyer), newest first, 50 a page.</summary>
public sealed class OrdersModel(OrderBoard board) : ConsolePage
{
    public const int PageSize = 50;

    public IReadOnlyDictionary<OrderStatus, int> Counts { get; private set; } = new Dictionary<OrderStatus, int>();
    public IReadOnlyList<OrderBoardRow> Orders { get; private set; } = [];
    public OrderStatus? Status { get; private set; }
    public OrderChannel? Channel { get; private set; }
    public string? Buyer { get; private set; }
    public int PageNo { get; private set; } = 1;
    public bool HasMore { get; private set; }
    public ConsoleProblem? LoadProblem { get; private set; }

    public async Task OnGetAsync(string? status, string? channel, string? buyer, int? page, CancellationToken cancel)
    {
        Status = Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        Channel = Enum.TryParse<OrderChannel>(channel, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null;
        Buyer = string.IsNullOrWhiteSpace(buyer) ? null : buyer.Trim();
        PageNo = Math.Max(1, page ?? 1);
        // One more than a page: whether there is a next one.
        var read = await board.ReadAsync(Status, Channel, Buyer, (PageNo - 1) * PageSize, PageSize + 1, cancel);
        if (!read.IsAccepted)
        {
            LoadProblem = new ConsoleProblem("filter", read.Rejection.Field, Problems.StatusOf(read.Rejection.Code), Problems.TitleOf(read.Rejection.Code), read.Rejection.Message, read.Rejection.Field);
            Response.StatusCode = LoadProblem.Status;
            return;
        }
        Counts = read.Value.Counts;
        HasMore = read.Value.Orders.Count > PageSize;
        Orders = read.Value.Orders.Take(PageSize).ToList();
    }

    /// <summary>The board's query string with <paramref name="status"/> (and page 1) in place of the current one.</summary>
    public string LinkFor(OrderStatus? status, int page = 1) =>
        "/console/orders" + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = status?.ToString().ToLowerInvariant(),
            ["channel"] = Channel?.ToString().ToLowerInvariant(),
            ["buyer"] = Buyer,
            ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
}
