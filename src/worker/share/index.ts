export { ShareService, type ServiceClock } from './service.ts';
export { yieldingClock } from './clock.ts';
