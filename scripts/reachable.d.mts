export function reachable(port: number, host?: string): Promise<boolean>;
export function realServicesAvailable(label: string): Promise<boolean>;
