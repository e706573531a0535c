using NsmDashboard.Web;

return new NsmDashboardApp(args).Run();
