import { mountNav } from '../common/nav.js';

mountNav('depth');
document.body.dataset.ready = '1';
