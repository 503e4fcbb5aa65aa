export { PageFailure, type FailureProps } from './PageFailure';
