export { PageFailure } from './PageFailure';
