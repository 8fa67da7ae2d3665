import { mountNav } from '../common/nav.js';

mountNav('towers');
document.body.dataset.ready = '1';
