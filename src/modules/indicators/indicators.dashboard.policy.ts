/** Leaders' dashboards and the wall screen (issue 11 part 6). */
export const INDICATOR_DASHBOARD = 'view:indicator_dashboard:all';
/** The alert rules on published indicator values (audited commands). */
export const INDICATOR_ALERT_MANAGE = 'manage:indicator_alert:all';
