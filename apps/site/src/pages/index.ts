import { mountNav } from '../common/nav.js';

mountNav('index');
