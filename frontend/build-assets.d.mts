export declare function buildDashboardAssets(): Promise<Record<'index.html' | 'app.js' | 'app.css', string>>;
