import { mountNav } from '../common/nav.js';

mountNav('towers');
