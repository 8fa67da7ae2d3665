import { mountNav } from '../common/nav.js';

mountNav('index');
document.body.dataset.ready = '1';
